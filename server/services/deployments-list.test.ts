import { describe, expect, it } from 'vitest';
import { modelDeployments } from '@/db/schema/model-deployments';
import type { ListParams } from '@/server/providers/types';
import { seedDeployments } from '@/scripts/bench/scale-seed';
import { tempContextPerTest } from '@/tests/support/temp-context';
import { deploymentsServiceOf } from './deployments';

// Walking the list API's page tokens over a seeded compartment returns every matching row exactly
// once, in the requested order, with the list indexes in place (ties in time and name included).

const { ctx } = tempContextPerTest();
type Row = typeof modelDeployments.$inferSelect;

function seed() {
  const c = ctx();
  seedDeployments(c.db, { compartmentId: c.installation.defaultCompartmentId, createdBy: c.installation.userId, deployments: 130, projects: 3 });
  // A row whose tag *value* is "team": a text match on the JSON alone would wrongly take it for the key.
  const base = c.db.select().from(modelDeployments).limit(1).get();
  if (!base) throw new Error('nothing seeded');
  c.db.insert(modelDeployments).values({ ...base, id: `${base.id}v`, lifecycleState: 'ACTIVE', freeformTags: { owner: 'team', note: 'search' } }).run();
  c.db.insert(modelDeployments).values({ ...base, id: `${base.id}q`, lifecycleState: 'ACTIVE', freeformTags: { 'te"am': 'search' } }).run();
  return c.db.select().from(modelDeployments).all();
}

async function walk(params: Omit<ListParams, 'compartmentId'> & { projectId?: string }): Promise<string[]> {
  const svc = deploymentsServiceOf(ctx());
  const ids: string[] = [];
  let page: string | undefined;
  for (let i = 0; i < 100; i++) {
    const r = await svc.list({ compartmentId: ctx().installation.defaultCompartmentId, limit: 7, ...params, ...(page ? { page } : {}) });
    if (!r.ok) throw new Error(r.error.message);
    ids.push(...r.data.items.map((d) => d.id));
    page = r.data.nextPage;
    if (page === undefined) return ids;
  }
  throw new Error('the pages did not end');
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
function expected(rows: Row[], keep: (r: Row) => boolean, by: 'timeCreated' | 'displayName', order: 'ASC' | 'DESC'): string[] {
  const sign = order === 'ASC' ? 1 : -1;
  return rows
    .filter(keep)
    .sort((a, b) => sign * (cmp(a[by], b[by]) || cmp(a.id, b.id)))
    .map((r) => r.id);
}

describe('deployment list paging', () => {
  it('returns every row exactly once in each sort, with and without filters', async () => {
    const rows = seed();
    const hasTag = (r: Row, key: string, value?: string) => Object.entries(r.freeformTags).some(([k, v]) => k.toLowerCase() === key.toLowerCase() && (value === undefined || v === value));
    const cases: { params: Parameters<typeof walk>[0]; keep: (r: Row) => boolean }[] = [
      { params: {}, keep: () => true },
      { params: { lifecycleState: 'ACTIVE' }, keep: (r) => r.lifecycleState === 'ACTIVE' },
      { params: { displayName: 'md-0005-blue' }, keep: (r) => r.displayName === 'md-0005-blue' },
      { params: { nameContains: 'BLUE' }, keep: (r) => r.displayName.includes('blue') },
      { params: { tagFilters: [{ key: 'TEAM', value: 'search' }] }, keep: (r) => hasTag(r, 'team', 'search') },
      { params: { tagFilters: [{ key: 'team' }], lifecycleState: 'ACTIVE' }, keep: (r) => hasTag(r, 'team') && r.lifecycleState === 'ACTIVE' },
      { params: { tagFilters: [{ key: 'te"am' }] }, keep: (r) => hasTag(r, 'te"am') },
      { params: { projectId: 'ocid1.datascienceproject.oc1.test.seed0001' }, keep: (r) => r.projectId === 'ocid1.datascienceproject.oc1.test.seed0001' },
    ];
    for (const { params, keep } of cases) {
      for (const [sortBy, sortOrder] of [['timeCreated', 'DESC'], ['timeCreated', 'ASC'], ['displayName', 'ASC'], ['displayName', 'DESC']] as const) {
        const want = expected(rows, keep, sortBy, sortOrder);
        const got = await walk({ ...params, sortBy, sortOrder });
        expect(new Set(got).size, JSON.stringify({ params, sortBy, sortOrder })).toBe(got.length);
        expect(got, JSON.stringify({ params, sortBy, sortOrder })).toEqual(want);
      }
    }
    // The cases above are not vacuous: each filter keeps some rows and drops others.
    for (const { keep } of cases.slice(1)) {
      const n = rows.filter(keep).length;
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThan(rows.length);
    }
  });
});
