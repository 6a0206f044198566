import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { loadConfig } from '@/server/config';
import type { Principal } from '@/server/domain/principal';
import { createAppContext, type AppContext } from '@/server/services/context';
import { addCompartment, addUser, principalOf } from './identity';

/**
 * For each test of the calling file: a real app context whose provider is authorized as `as(...)`
 * says, a second compartment beside the default one, and a data scientist (DataScientists: the
 * default compartment), a viewer (Viewers) and an ops user (Ops), each a real user in the database.
 */
export function authzContextPerTest() {
  let dataDir = '';
  let ctx: AppContext | undefined;
  let current: Principal | null = null;
  let state: { other: string; users: Record<'ds' | 'viewer' | 'ops', Principal> } | undefined;
  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-authz-'));
    const config = loadConfig({ BERTH_DATA_DIR: dataDir, BERTH_REGION: 'test', BERTH_LOAD_CHECK_S: '0' });
    current = null;
    const c = createAppContext(config, undefined, { principal: async () => current });
    const { tenancyId } = c.installation;
    const other = addCompartment(c.db, 'other-team', tenancyId);
    const make = async (name: string, group: string) => principalOf(c.db, await addUser(c.db, name, { groups: [group] }), name, tenancyId);
    state = { other, users: { ds: await make('dana', 'DataScientists'), viewer: await make('vic', 'Viewers'), ops: await make('olga', 'Ops') } };
    ctx = c;
  });
  afterEach(() => {
    ctx?.db.$client.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const need = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('The authz context exists only inside a test.');
    return v;
  };
  return {
    ctx: () => need(ctx),
    /** The compartment beside the default one, where only ops (and viewers, to read) reach. */
    other: () => need(state).other,
    users: () => need(state).users,
    as(who: Principal | null) {
      current = who;
    },
  };
}
