import { and, asc, desc, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { TagFilter } from '@/server/domain/tag-filter';

export type SortBy = 'timeCreated' | 'displayName';
export type SortOrder = 'ASC' | 'DESC';

export interface ListQuery {
  compartmentId?: string;
  lifecycleState?: string;
  displayName?: string;
  nameContains?: string;
  tagFilters?: TagFilter[];
  sortBy?: SortBy;
  sortOrder?: SortOrder;
  limit: number;
  offset: number;
}

interface ListColumns {
  displayName: SQLiteColumn;
  timeCreated: SQLiteColumn;
  freeformTags: SQLiteColumn;
  definedTags: SQLiteColumn;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// A key or value of these characters is written verbatim, unescaped, in the JSON text of the tag
// columns, so a LIKE on the text (case-insensitive for ASCII, as lower() is) is a necessary
// condition: it rules out most rows before json_each parses them, which at 100,000 rows is the
// difference between a scan of text and a parse of every row's JSON.
const PLAIN = /^[\w .:@/+=-]{1,255}$/;
const mentions = (col: SQLiteColumn, term: string | undefined): SQL | undefined =>
  term && PLAIN.test(term) ? sql`${col} like ${`%"${escapeLike(term)}"%`} escape '\\'` : undefined;

/** A tag filter as SQL over the JSON tag columns; keys compare case-insensitively, as in OCI. */
export function tagFilterSql(cols: ListColumns, f: TagFilter): SQL {
  const valueCheck = f.value ? sql` and j.value = ${f.value}` : sql``;
  const col = f.namespace ? cols.definedTags : cols.freeformTags;
  const hints = [mentions(col, f.namespace), mentions(col, f.key), mentions(col, f.value)].filter((h): h is SQL => h !== undefined);
  const exists = f.namespace
    ? sql`exists (select 1 from json_each(${cols.definedTags}) ns, json_each(ns.value) j
      where lower(ns.key) = lower(${f.namespace}) and lower(j.key) = lower(${f.key})${valueCheck})`
    : sql`exists (select 1 from json_each(${cols.freeformTags}) j where lower(j.key) = lower(${f.key})${valueCheck})`;
  return hints.length ? sql`(${sql.join([...hints, exists], sql` and `)})` : exists;
}

export function commonListConditions(cols: ListColumns, q: ListQuery): SQL[] {
  const conds: SQL[] = [];
  if (q.displayName !== undefined) conds.push(sql`${cols.displayName} = ${q.displayName}`);
  if (q.nameContains) conds.push(sql`${cols.displayName} like ${`%${escapeLike(q.nameContains)}%`} escape '\\'`);
  for (const f of q.tagFilters ?? []) conds.push(tagFilterSql(cols, f));
  return conds;
}

// OCI's default orders: timeCreated newest first, displayName A to Z; id breaks ties for stable pages.
export function listOrder(cols: ListColumns & { id: SQLiteColumn }, q: ListQuery): SQL[] {
  const by = q.sortBy ?? 'timeCreated';
  const order = q.sortOrder ?? (by === 'timeCreated' ? 'DESC' : 'ASC');
  const dir = order === 'ASC' ? asc : desc;
  const col = by === 'timeCreated' ? cols.timeCreated : cols.displayName;
  return [dir(col), dir(cols.id)];
}

export const allOf = (conds: (SQL | undefined)[]) => and(...conds.filter((c): c is SQL => c !== undefined));
