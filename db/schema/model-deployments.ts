import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type {
  CategoryLogDetails,
  ModelDeploymentConfigurationDetails,
  ModelDeploymentLifecycleState,
} from '@/server/domain/oci-types';
import { tagColumns, timestamp } from './columns';

// The operations page groups by these; its query must spell them as the index does. The `->`
// operator (rather than json_extract) keeps commas out of the expression, which drizzle-kit would
// split into separate columns.
export const MD_INSTANCE_CONFIGURATION_PATH = '$.modelConfigurationDetails.instanceConfiguration';
export const MD_SCALING_POLICY_PATH = '$.modelConfigurationDetails.scalingPolicy';

// The configuration is kept in its SDK nesting as JSON, so the resource reads back exactly as the
// OCI API returns it; the columns beside it are what lists filter and sort on.
export const modelDeployments = sqliteTable(
  'model_deployments',
  {
    id: text('id').primaryKey(),
    compartmentId: text('compartment_id').notNull(),
    projectId: text('project_id').notNull(),
    modelId: text('model_id').notNull(),
    displayName: text('display_name').notNull(),
    description: text('description'),
    createdBy: text('created_by').notNull(),
    timeCreated: timestamp('time_created').notNull(),
    lifecycleState: text('lifecycle_state').$type<ModelDeploymentLifecycleState>().notNull(),
    lifecycleDetails: text('lifecycle_details'),
    modelDeploymentUrl: text('model_deployment_url').notNull(),
    modelDeploymentConfigurationDetails: text('model_deployment_configuration_details', { mode: 'json' })
      .$type<ModelDeploymentConfigurationDetails>()
      .notNull(),
    categoryLogDetails: text('category_log_details', { mode: 'json' }).$type<CategoryLogDetails>(),
    currentInstanceCount: integer('current_instance_count'),
    ...tagColumns(),
  },
  // Each list order ends in id so a page is read in index order, without sorting, up to its limit
  // (OCI's sorts break ties by id). The last two serve the operations page: its newest-first page
  // across compartments, and the reservation counted per state and configuration without reading rows.
  (t) => [
    index('md_project_state_created_idx').on(t.projectId, t.lifecycleState, t.timeCreated, t.id),
    index('md_project_created_idx').on(t.projectId, t.timeCreated, t.id),
    index('md_compartment_state_created_idx').on(t.compartmentId, t.lifecycleState, t.timeCreated, t.id),
    // The two orders of an unfiltered list also carry the columns that name and tag filters read,
    // so a filter that matches few rows is checked on the index, not by a table read per row.
    index('md_compartment_created_idx').on(t.compartmentId, t.timeCreated, t.id, t.displayName, t.freeformTags, t.definedTags),
    index('md_compartment_name_idx').on(t.compartmentId, t.displayName, t.id, t.freeformTags, t.definedTags),
    // An exact displayName filter (the API's) in the default newest-first order.
    index('md_compartment_name_created_idx').on(t.compartmentId, t.displayName, t.timeCreated, t.id),
    index('md_compartment_state_name_idx').on(t.compartmentId, t.lifecycleState, t.displayName, t.id),
    index('md_model_idx').on(t.modelId),
    index('md_created_state_idx').on(t.timeCreated, t.id, t.lifecycleState),
    index('md_state_configuration_idx').on(
      t.lifecycleState,
      sql`${t.modelDeploymentConfigurationDetails} -> ${sql.raw(`'${MD_INSTANCE_CONFIGURATION_PATH}'`)}`,
      sql`${t.modelDeploymentConfigurationDetails} -> ${sql.raw(`'${MD_SCALING_POLICY_PATH}'`)}`,
      t.currentInstanceCount,
    ),
  ],
);
