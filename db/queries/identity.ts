import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { compartments, tagDefinitions, tagNamespaces } from '../schema';

export type CompartmentRow = typeof compartments.$inferSelect;

export const listCompartmentRows = (db: DbOrTx): CompartmentRow[] =>
  db.select().from(compartments).orderBy(asc(compartments.name)).all();

export const getCompartmentRow = (db: DbOrTx, id: string): CompartmentRow | undefined =>
  db.select().from(compartments).where(eq(compartments.id, id)).get();

export function listTagNamespaceRows(db: DbOrTx): { name: string; keys: string[] }[] {
  const rows = db
    .select({ ns: tagNamespaces.name, key: tagDefinitions.name })
    .from(tagNamespaces)
    .innerJoin(tagDefinitions, eq(tagDefinitions.tagNamespaceId, tagNamespaces.id))
    .where(eq(tagNamespaces.isRetired, false))
    .orderBy(asc(tagNamespaces.name), asc(tagDefinitions.name))
    .all();
  const byNs = new Map<string, string[]>();
  for (const r of rows) byNs.set(r.ns, [...(byNs.get(r.ns) ?? []), r.key]);
  return [...byNs].map(([name, keys]) => ({ name, keys }));
}

export type TagNamespaceRow = typeof tagNamespaces.$inferSelect;
export type TagDefinitionRow = typeof tagDefinitions.$inferSelect;

/** Every tag namespace (retired ones too) with its definitions, by name: what Identity's list operations read. */
export function listTagNamespaceRecords(db: DbOrTx): { namespace: TagNamespaceRow; tags: TagDefinitionRow[] }[] {
  const namespaces = db.select().from(tagNamespaces).orderBy(asc(tagNamespaces.name)).all();
  const tags = db.select().from(tagDefinitions).orderBy(asc(tagDefinitions.name)).all();
  return namespaces.map((namespace) => ({ namespace, tags: tags.filter((t) => t.tagNamespaceId === namespace.id) }));
}
