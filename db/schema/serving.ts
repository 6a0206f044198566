import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

export type InstanceStatus = 'STARTING' | 'RUNNING' | 'STOPPING' | 'STOPPED' | 'FAILED';

// One serving container of a model deployment. A configuration change starts a new generation
// beside the old one (blue/green); the route says which generation takes traffic.
export const deploymentInstances = sqliteTable(
  'deployment_instances',
  {
    id: text('id').primaryKey(),
    modelDeploymentId: text('model_deployment_id').notNull(),
    generation: integer('generation').notNull(),
    ordinal: integer('ordinal').notNull(),
    containerName: text('container_name').notNull(),
    containerId: text('container_id'),
    // Host ports published on 127.0.0.1 for the container's server and health-check ports.
    serverPort: integer('server_port'),
    healthPort: integer('health_port'),
    status: text('status').$type<InstanceStatus>().notNull(),
    detail: text('detail'),
    timeCreated: timestamp('time_created').notNull(),
    timeUpdated: timestamp('time_updated').notNull(),
  },
  (t) => [index('instances_md_gen_idx').on(t.modelDeploymentId, t.generation)],
);

// What the gateway serves for a deployment. The gateway reads this table (and the instances of
// `generation`) and reloads when `version` grows; the console only ever writes it.
export const gatewayRoutes = sqliteTable('gateway_routes', {
  modelDeploymentId: text('model_deployment_id').primaryKey(),
  serving: integer('serving', { mode: 'boolean' }).notNull(),
  generation: integer('generation').notNull(),
  bandwidthMbps: integer('bandwidth_mbps').notNull(),
  predictPath: text('predict_path').notNull().default('/predict'),
  healthPath: text('health_path').notNull().default('/health'),
  // 'TRITON' maps /predict and /health to Triton's REST paths (OCI's CONTAINER_TYPE).
  containerType: text('container_type'),
  version: integer('version').notNull(),
  timeUpdated: timestamp('time_updated').notNull(),
});
