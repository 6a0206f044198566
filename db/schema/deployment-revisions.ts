import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { RevisionKind, RevisionSnapshot } from '@/server/domain/revisions';
import type { FieldChange } from '@/server/domain/shallow-merge';
import { timestamp } from './columns';

// Every configuration a deployment had applied, numbered per deployment. The snapshot keeps secret
// references, never values; the changes are against the revision before, as recorded.
export const deploymentRevisions = sqliteTable(
  'deployment_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    modelDeploymentId: text('model_deployment_id').notNull(),
    revision: integer('revision').notNull(),
    kind: text('kind').$type<RevisionKind>().notNull(),
    snapshot: text('snapshot', { mode: 'json' }).$type<RevisionSnapshot>().notNull(),
    changes: text('changes', { mode: 'json' }).$type<FieldChange[]>().notNull(),
    workRequestId: text('work_request_id'),
    principalId: text('principal_id'),
    principalName: text('principal_name'),
    rollbackOf: integer('rollback_of'),
    timeCreated: timestamp('time_created').notNull(),
  },
  (t) => [
    uniqueIndex('deployment_revisions_md_revision_idx').on(t.modelDeploymentId, t.revision),
    // A work request re-run after a restart records its revision once.
    uniqueIndex('deployment_revisions_wr_idx').on(t.workRequestId),
  ],
);

// Who asked for a work request (or a whole update plan), and whether it was a rollback: written
// when the request is accepted, read when its revision is recorded, whichever comes first.
export const revisionAttributions = sqliteTable(
  'revision_attributions',
  {
    /** A work request id or an update plan id. */
    subjectId: text('subject_id').primaryKey(),
    modelDeploymentId: text('model_deployment_id').notNull(),
    principalId: text('principal_id'),
    principalName: text('principal_name'),
    rollbackOf: integer('rollback_of'),
  },
  (t) => [index('revision_attributions_md_idx').on(t.modelDeploymentId)],
);
