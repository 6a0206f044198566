import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { ModelVersionSetLifecycleState } from '@/server/domain/model-version-sets';
import { tagColumns, timestamp } from './columns';

export const modelVersionSets = sqliteTable(
  'model_version_sets',
  {
    id: text('id').primaryKey(),
    compartmentId: text('compartment_id').notNull(),
    projectId: text('project_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    createdBy: text('created_by').notNull(),
    lifecycleState: text('lifecycle_state').$type<ModelVersionSetLifecycleState>().notNull(),
    timeCreated: timestamp('time_created').notNull(),
    timeUpdated: timestamp('time_updated').notNull(),
    /** The name while the set is not DELETED: a deleted set frees its name for a new one. */
    liveName: text('live_name'),
    ...tagColumns(),
  },
  (t) => [
    index('model_version_sets_compartment_created_idx').on(t.compartmentId, t.timeCreated),
    // OCI answers 409 to a second set of the same name in a project.
    uniqueIndex('model_version_sets_project_live_name_idx').on(t.projectId, t.liveName),
  ],
);
