import { count, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { modelDeployments } from '../schema';
import { MD_INSTANCE_CONFIGURATION_PATH, MD_SCALING_POLICY_PATH } from '../schema/model-deployments';

// What the operations page's cost total needs: the deployments in the given states, grouped by
// everything their price depends on (shape, scaling policy, bandwidth), counted in SQL.

export interface CostGroup {
  instanceConfiguration: string | null;
  scalingPolicy: string | null;
  bandwidthMbps: number | null;
  maximumBandwidthMbps: number | null;
  deployments: number;
}

export function costGroups(db: DbOrTx, states: readonly string[]): CostGroup[] {
  const config = modelDeployments.modelDeploymentConfigurationDetails;
  const ic = sql<string | null>`${config} -> ${sql.raw(`'${MD_INSTANCE_CONFIGURATION_PATH}'`)}`;
  const sp = sql<string | null>`${config} -> ${sql.raw(`'${MD_SCALING_POLICY_PATH}'`)}`;
  const bw = sql<number | null>`json_extract(${config}, '$.modelConfigurationDetails.bandwidthMbps')`;
  const maxBw = sql<number | null>`json_extract(${config}, '$.modelConfigurationDetails.maximumBandwidthMbps')`;
  return db
    .select({ instanceConfiguration: ic, scalingPolicy: sp, bandwidthMbps: bw, maximumBandwidthMbps: maxBw, deployments: count() })
    .from(modelDeployments)
    .where(inArray(modelDeployments.lifecycleState, states as (typeof modelDeployments.$inferSelect.lifecycleState)[]))
    .groupBy(ic, sp, bw, maxBw)
    .all();
}
