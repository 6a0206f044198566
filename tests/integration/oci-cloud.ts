import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as common from 'oci-common';
import { loadConfig } from '@/server/config';
import { openProfile, type OciProfileSource } from '@/server/providers/oci/profiles';
import type { DataScienceProvider } from '@/server/providers/types';
import { createAppContext } from '@/server/services/context';
import { addApiKey, newApiKeyPair, type ApiKeyPair } from '@/tests/support/oci-sdk';
import { startConsole, stopConsole, type ConsoleProcess } from './console';
import { docker } from './support';

// A second Berth as the "cloud" for the OCI provider: a console on its own port and data
// directory, an API key for its administrator, and a real OCI config file whose profiles point
// there (DEFAULT signs with that key; NO_KEY names a missing key file; STRANGER a key it does not
// know). Nothing of the SDK is faked.

export interface OciCloud {
  console: ConsoleProcess;
  tenancyId: string;
  compartmentId: string;
  userId: string;
  key: ApiKeyPair;
  /** The folder of the config file and the key files. */
  dir: string;
  source: OciProfileSource;
  /** The OCI provider of the DEFAULT profile. */
  provider: DataScienceProvider;
  /** Stops the console and removes its containers and the config folder. */
  stop(): Promise<void>;
}

export async function startOciCloud(options: { port: number; gatewayPort: number; env?: Record<string, string> }): Promise<OciCloud> {
  common.CircuitBreaker.EnableGlobalCircuitBreaker = false;
  const cloud = await startConsole({ port: options.port, gatewayPort: options.gatewayPort, ...(options.env ? { env: options.env } : {}) });
  try {
    return await connect(cloud);
  } catch (e) {
    await cloud.stop();
    await stopConsole(cloud);
    throw e;
  }
}

async function connect(cloud: ConsoleProcess): Promise<OciCloud> {
  const ctx = createAppContext(loadConfig({ BERTH_DATA_DIR: cloud.dataDir, BERTH_REGION: 'it' }));
  const { tenancyId, defaultCompartmentId: compartmentId, userId } = ctx.installation;
  const key = addApiKey(ctx.db, userId);
  ctx.db.$client.close();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-oci-profile-'));
  fs.writeFileSync(path.join(dir, 'cloud.pem'), key.privateKeyPem, { mode: 0o600 });
  fs.writeFileSync(path.join(dir, 'stranger.pem'), newApiKeyPair().privateKeyPem, { mode: 0o600 });
  const profile = (name: string, keyFile: string) =>
    `[${name}]\nuser=${userId}\nfingerprint=${key.fingerprint}\nkey_file=${keyFile}\ntenancy=${tenancyId}\nregion=us-ashburn-1\nberth_endpoint=${cloud.url}\nberth_compartment=${compartmentId}\n`;
  fs.writeFileSync(path.join(dir, 'config'), [profile('DEFAULT', path.join(dir, 'cloud.pem')), profile('NO_KEY', path.join(dir, 'missing.pem')), profile('STRANGER', path.join(dir, 'stranger.pem'))].join('\n'));
  const source: OciProfileSource = { configFile: path.join(dir, 'config'), endpoints: {} };
  const opened = openProfile(source, 'DEFAULT');
  if (!opened.provider) throw new Error(`The DEFAULT profile cannot be used: ${opened.problem ?? 'no provider'}`);

  return {
    console: cloud,
    tenancyId,
    compartmentId,
    userId,
    key,
    dir,
    source,
    provider: opened.provider,
    async stop() {
      const mine = await docker.listContainers({ all: true, filters: { label: ['berth.managed=true', `berth.installation=${tenancyId}`] } });
      for (const c of mine) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
      await cloud.stop();
      await stopConsole(cloud);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
