import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '@/server/config';
import { LOCAL_CAPABILITIES } from '@/server/providers/local';
import { OCI_CAPABILITIES } from '@/server/providers/oci';
import type { Principal } from '@/server/domain/principal';
import { adminPrincipal, memberOf } from '@/tests/support/principals';
import { createAppContext, type AppContext } from './context';
import { PROVIDER_METHODS } from './session-provider';

// Contexts over a real config file and real SQLite: Local, a usable profile whose endpoint
// answers nothing (so a call through it shows it reached the OCI provider), and broken ones.

let dir: string;
let configFile: string;
const contexts: AppContext[] = [];

function profile(name: string, keyFile: string, extra = '') {
  return `[${name}]\nuser=ocid1.user.oc1..u\nfingerprint=aa:bb\nkey_file=${keyFile}\ntenancy=ocid1.tenancy.oc1..t\nregion=us-ashburn-1\n${extra}`;
}

function context(selected: string | null, env: Record<string, string> = {}): AppContext {
  const dataDir = path.join(dir, `data-${contexts.length}`);
  const ctx = createAppContext(loadConfig({ BERTH_DATA_DIR: dataDir, BERTH_REGION: 'test', BERTH_OCI_CONFIG_FILE: configFile, ...env }), undefined, { contextId: async () => selected });
  contexts.push(ctx);
  return ctx;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-contexts-'));
  const key = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  fs.writeFileSync(path.join(dir, 'key.pem'), key);
  configFile = path.join(dir, 'config');
  fs.writeFileSync(
    configFile,
    [
      profile('DEFAULT', path.join(dir, 'key.pem'), 'berth_endpoint=http://127.0.0.1:6799\n'),
      profile('NO_KEY', path.join(dir, 'absent.pem')),
      '[HALF]\nregion=us-phoenix-1\n',
    ].join('\n'),
  );
});

afterEach(() => {
  for (const c of contexts.splice(0)) c.db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('provider contexts', () => {
  it('lists Local and every profile, saying why one cannot be used', async () => {
    const ctx = context(null);
    const options = await ctx.contexts.options();
    // Promotion goes from Local into a profile, one that cannot be opened yet included (the dialog says why).
    expect(options.map((o) => [o.id, o.region, o.acceptsPromotion])).toEqual([
      ['local', 'test', false],
      ['oci:DEFAULT', 'us-ashburn-1', true],
      ['oci:NO_KEY', 'us-ashburn-1', true],
      ['oci:HALF', 'us-phoenix-1', true],
    ]);
    expect(options[1]?.problem).toMatch(/^OCI could not be reached at http:\/\/127\.0\.0\.1:6799\/20190101: fetch failed \(GET http:\/\/127\.0\.0\.1:6799\/20190101\/projects\?/);
    expect(options[2]?.problem).toBe(`Its key file ${path.join(dir, 'absent.pem')} does not exist.`);
    // HALF inherits DEFAULT's keys, as the SDK reads a profile; only what neither has is missing.
    expect(ctx.contexts.resolve('oci:NO_KEY')).toBeNull();
    expect(ctx.contexts.resolve('oci:nothere')).toBeNull();
    expect(JSON.stringify(options)).not.toContain('BEGIN');
  });

  it('sends the session’s calls to the provider of its context', async () => {
    const local = context('local');
    expect((await local.session()).capabilities).toEqual(LOCAL_CAPABILITIES);
    expect((await local.provider.listProjects({ compartmentId: local.installation.defaultCompartmentId })).ok).toBe(true);

    const oci = context('oci:DEFAULT');
    const session = await oci.session();
    expect([session.kind, session.capabilities, session.defaultCompartmentId, await oci.defaultCompartment()]).toEqual(['oci', OCI_CAPABILITIES, 'ocid1.tenancy.oc1..t', 'ocid1.tenancy.oc1..t']);
    const listed = await oci.provider.listProjects({ compartmentId: 'ocid1.tenancy.oc1..t' });
    expect(listed.ok ? null : [listed.error.code, listed.error.message]).toEqual(['ServiceUnavailable', expect.stringContaining('http://127.0.0.1:6799')]);
    const faults = await oci.provider.faultInjection!.listFaults('ocid1.datasciencemodeldeployment.test.x');
    expect(faults.ok ? null : faults.error.code).toBe('NotImplemented');
    // The project list of the Local service opens on the context's default compartment.
    const view = await oci.projects.listView({});
    expect(view.ok ? null : view.error.message).toContain('127.0.0.1:6799');

    // A profile that cannot be used leaves the session in Local.
    expect((await context('oci:NO_KEY').session()).kind).toBe('local');
    // The endpoint variable wins over the profile's own key.
    const moved = context('oci:DEFAULT', { BERTH_OCI_ENDPOINT_DEFAULT: 'http://127.0.0.1:6798' });
    const r = await moved.provider.getProject('ocid1.datascienceproject.oc1..p');
    expect(r.ok ? null : r.error.message).toContain('http://127.0.0.1:6798');
  });

  it('takes a session to a profile only for the ops role: the profile signs with the server’s key', async () => {
    let who: Principal | null = null;
    const dataDir = path.join(dir, 'data-gated');
    const ctx = createAppContext(loadConfig({ BERTH_DATA_DIR: dataDir, BERTH_REGION: 'test', BERTH_OCI_CONFIG_FILE: configFile }), undefined, { principal: async () => who, contextId: async () => 'oci:DEFAULT' });
    contexts.push(ctx);
    expect((await ctx.session()).kind).toBe('local');
    who = memberOf(ctx, 'scientist', 'DataScientists');
    expect((await ctx.session()).kind).toBe('local');
    who = adminPrincipal(ctx);
    expect((await ctx.session()).kind).toBe('oci');
  });

  it('forwards every operation of the interface', () => {
    const ctx = context(null);
    const local = ctx.contexts.local.provider as unknown as Record<string, unknown>;
    const methods = Object.keys(local).filter((k) => typeof local[k] === 'function' && k !== 'estimateWorkRequest');
    expect([...PROVIDER_METHODS].sort()).toEqual(methods.sort());
  });
});
