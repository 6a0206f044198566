import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

// Secret environment variable values, kept apart from the deployment's configuration: the
// configuration (and every copy of it: work-request payloads, API answers) holds only
// `berth-secret:<id>`, and the container gets the value when it starts. A new value is a new row,
// so a configuration being rolled out and the one still serving each keep theirs.
export const deploymentSecrets = sqliteTable(
  'deployment_secrets',
  {
    id: text('id').primaryKey(),
    modelDeploymentId: text('model_deployment_id').notNull(),
    name: text('name').notNull(),
    value: text('value').notNull(),
    timeCreated: timestamp('time_created').notNull(),
  },
  (t) => [index('deployment_secrets_md_idx').on(t.modelDeploymentId)],
);
