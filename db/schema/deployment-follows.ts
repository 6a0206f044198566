import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { FollowChange } from '@/server/domain/version-follow';
import { timestamp } from './columns';


// A deployment that serves whichever model holds a version label in a set, instead of a fixed
// model (Berth's own: OCI has version labels but no deployment that follows one).
export const deploymentFollows = sqliteTable(
  'deployment_follows',
  {
    modelDeploymentId: text('model_deployment_id').primaryKey(),
    modelVersionSetId: text('model_version_set_id').notNull(),
    versionLabel: text('version_label').notNull(),
    timeSet: timestamp('time_set').notNull(),
    lastChange: text('last_change', { mode: 'json' }).$type<FollowChange>(),
  },
  (t) => [index('deployment_follows_set_label_idx').on(t.modelVersionSetId, t.versionLabel)],
);
