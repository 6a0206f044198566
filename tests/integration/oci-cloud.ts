import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as common from 'oci-common';
import { loadConfig } from '@/server/config';
import type { OciProfileSource } from '@/server/providers/oci/profiles';
import { createAppContext } from '@/server/services/context';
import { addApiKey, newApiKeyPair, type ApiKeyPair } from '@/tests/support/oci-sdk';
import { startConsole, stopConsole, type ConsoleProcess } from './console';
import { docker } from './support';

// A second Berth as the "cloud" for the OCI provider: its own console (own port, gateway and
// data directory) whose OCI-compatible APIs the provider's SDK clients reach through a profile
// of a real config file pointing there. DEFAULT signs with the administrator's key; NO_KEY names
// a key file that is missing; STRANGER signs with a key the cloud does not know.

export interface OciCloud {
  cloud: ConsoleProcess;
  tenancyId: string;
  compartmentId: string;
  userId: string;
  key: ApiKeyPair;
  /** The folder holding the config file and key files. */
  dir: string;
  source: OciProfileSource;
  /** Removes the cloud's containers, stops it and deletes the profile folder. */
  stop(): Promise<void>;
}

/** `profileLines`: more keys for every profile (berth_ocir_registry=...); `env`: the cloud console's settings. */
export async function startOciCloud(options: { port: number; gatewayPort: number; profileLines?: string[]; env?: Record<string, string> }): Promise<OciCloud> {
  common.CircuitBreaker.EnableGlobalCircuitBreaker = false;
  const cloud = await startConsole({ port: options.port, gatewayPort: options.gatewayPort, ...(options.env ? { env: options.env } : {}) });
  const ctx = createAppContext(loadConfig({ BERTH_DATA_DIR: cloud.dataDir, BERTH_REGION: 'it' }));
  const tenancyId = ctx.installation.tenancyId;
  const compartmentId = ctx.installation.defaultCompartmentId;
  const userId = ctx.installation.userId;
  const key = addApiKey(ctx.db, userId);
  ctx.db.$client.close();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-oci-profile-'));
  fs.writeFileSync(path.join(dir, 'cloud.pem'), key.privateKeyPem, { mode: 0o600 });
  fs.writeFileSync(path.join(dir, 'stranger.pem'), newApiKeyPair().privateKeyPem, { mode: 0o600 });
  const profile = (name: string, keyFile: string) =>
    [`[${name}]`, `user=${userId}`, `fingerprint=${key.fingerprint}`, `key_file=${keyFile}`, `tenancy=${tenancyId}`, 'region=us-ashburn-1', `berth_endpoint=${cloud.url}`, `berth_compartment=${compartmentId}`, ...(options.profileLines ?? []), ''].join('\n');
  fs.writeFileSync(path.join(dir, 'config'), [profile('DEFAULT', path.join(dir, 'cloud.pem')), profile('NO_KEY', path.join(dir, 'missing.pem')), profile('STRANGER', path.join(dir, 'stranger.pem'))].join('\n'));

  return {
    cloud,
    tenancyId,
    compartmentId,
    userId,
    key,
    dir,
    source: { configFile: path.join(dir, 'config'), endpoints: {} },
    async stop() {
      const mine = await docker.listContainers({ all: true, filters: { label: ['berth.managed=true', `berth.installation=${tenancyId}`] } });
      for (const c of mine) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
      await cloud.stop();
      await stopConsole(cloud);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
