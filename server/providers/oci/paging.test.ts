import { describe, expect, it } from 'vitest';
import { ok } from '@/server/domain/result';
import { allPages, ociPage } from './paging';

// A list of 5 named items served 2 at a time with OCI's forward-only tokens.
const ITEMS = ['alpha', 'beta', 'gamma', 'delta', 'alphabet'].map((displayName) => ({ displayName, freeformTags: { team: displayName.startsWith('a') ? 'a' : 'b' } }));
const serve = async (page: string | undefined, limit: number) => {
  const start = page ? Number(page.slice(1)) : 0;
  const next = start + limit < ITEMS.length ? `p${start + limit}` : undefined;
  return ok({ items: ITEMS.slice(start, start + limit), ...(next ? { opcNextPage: next } : {}) });
};

describe('OCI list pages', () => {
  it('goes forward and back with offsets', async () => {
    const first = await ociPage({ limit: 2 }, serve);
    if (!first.ok) throw new Error(first.error.message);
    expect([first.data.items.map((i) => i.displayName), first.data.offset, first.data.prevPage]).toEqual([['alpha', 'beta'], 0, undefined]);
    const second = await ociPage({ limit: 2, page: first.data.nextPage! }, serve);
    if (!second.ok) throw new Error(second.error.message);
    expect([second.data.items.map((i) => i.displayName), second.data.offset]).toEqual([['gamma', 'delta'], 2]);
    const third = await ociPage({ limit: 2, page: second.data.nextPage! }, serve);
    if (!third.ok) throw new Error(third.error.message);
    expect([third.data.items.map((i) => i.displayName), third.data.offset, third.data.nextPage]).toEqual([['alphabet'], 4, undefined]);
    const back = await ociPage({ limit: 2, page: third.data.prevPage! }, serve);
    if (!back.ok) throw new Error(back.error.message);
    expect([back.data.items.map((i) => i.displayName), back.data.offset]).toEqual([['gamma', 'delta'], 2]);
    const start = await ociPage({ limit: 2, page: back.data.prevPage! }, serve);
    expect(start.ok && start.data.items.map((i) => i.displayName)).toEqual(['alpha', 'beta']);
  });

  it('narrows the page by the console filters and refuses a foreign token', async () => {
    const r = await ociPage({ limit: 5, nameContains: 'ALPHA', tagFilters: [{ key: 'team', value: 'a' }] }, serve);
    expect(r.ok && r.data.items.map((i) => i.displayName)).toEqual(['alpha', 'alphabet']);
    const bad = await ociPage({ page: 'not-a-token' }, serve);
    expect(bad.ok ? null : bad.error.code).toBe('InvalidParameter');
  });

  it('reads a whole short list', async () => {
    const all = await allPages((p) => serve(p, 2));
    expect(all.ok && all.data.length).toBe(5);
  });
});
