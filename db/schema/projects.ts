import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { DefinedTags, ProjectLifecycleState } from '@/server/domain/oci-types';
import { tagColumns, timestamp } from './columns';

export const projects = sqliteTable(
  'projects',
  {
    id: text('id').primaryKey(),
    compartmentId: text('compartment_id').notNull(),
    displayName: text('display_name').notNull(),
    description: text('description'),
    createdBy: text('created_by').notNull(),
    lifecycleState: text('lifecycle_state').$type<ProjectLifecycleState>().notNull(),
    timeCreated: timestamp('time_created').notNull(),
    systemTags: text('system_tags', { mode: 'json' }).$type<DefinedTags>(),
    ...tagColumns(),
  },
  (t) => [
    index('projects_compartment_state_created_idx').on(t.compartmentId, t.lifecycleState, t.timeCreated),
    index('projects_compartment_name_idx').on(t.compartmentId, t.displayName),
  ],
);
