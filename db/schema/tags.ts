import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

// Defined tags must name an existing namespace and key, as in OCI; freeform tags need no table.
export const tagNamespaces = sqliteTable(
  'tag_namespaces',
  {
    id: text('id').primaryKey(),
    compartmentId: text('compartment_id').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    isRetired: integer('is_retired', { mode: 'boolean' }).notNull().default(false),
    timeCreated: timestamp('time_created').notNull(),
  },
  (t) => [uniqueIndex('tag_namespaces_name_idx').on(t.name)],
);

export const tagDefinitions = sqliteTable(
  'tag_definitions',
  {
    id: text('id').primaryKey(),
    tagNamespaceId: text('tag_namespace_id')
      .notNull()
      .references(() => tagNamespaces.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    isRetired: integer('is_retired', { mode: 'boolean' }).notNull().default(false),
    timeCreated: timestamp('time_created').notNull(),
  },
  (t) => [uniqueIndex('tag_definitions_ns_name_idx').on(t.tagNamespaceId, t.name), index('tag_definitions_ns_idx').on(t.tagNamespaceId)],
);
