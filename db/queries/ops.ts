import { and, count, desc, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { deploymentInstances, metricPoints, modelDeployments, projects } from '../schema';
import { MD_INSTANCE_CONFIGURATION_PATH, MD_SCALING_POLICY_PATH } from '../schema/model-deployments';

// The operations page's reads, aggregated in SQL so its cost follows the page shown and the
// number of distinct configurations, not the number of deployments.

// SQLite refuses statements with more than 32,766 parameters; lists of ids go in slices.
const ID_SLICE = 500;
function inSlices<T>(ids: readonly string[], read: (slice: string[]) => T[]): T[] {
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += ID_SLICE) out.push(...read(unique.slice(i, i + ID_SLICE)));
  return out;
}

export const countLiveDeployments = (db: DbOrTx): number =>
  db.select({ n: count() }).from(modelDeployments).where(ne(modelDeployments.lifecycleState, 'DELETED')).get()?.n ?? 0;

export interface OpsDeploymentRow {
  id: string;
  displayName: string;
  projectName: string;
  lifecycleState: string;
}

/** One page of the deployments that are not DELETED, newest first, with their project's name. */
export const pageLiveDeployments = (db: DbOrTx, limit: number, offset: number): OpsDeploymentRow[] =>
  db
    .select({
      id: modelDeployments.id,
      displayName: modelDeployments.displayName,
      projectName: sql<string>`coalesce(${projects.displayName}, ${modelDeployments.projectId})`,
      lifecycleState: modelDeployments.lifecycleState,
    })
    .from(modelDeployments)
    .leftJoin(projects, eq(projects.id, modelDeployments.projectId))
    .where(ne(modelDeployments.lifecycleState, 'DELETED'))
    .orderBy(desc(modelDeployments.timeCreated), desc(modelDeployments.id))
    .limit(limit)
    .offset(offset)
    .all();

export interface ConfigurationGroup {
  lifecycleState: string;
  /** JSON text of modelConfigurationDetails.instanceConfiguration and .scalingPolicy (null when absent). */
  instanceConfiguration: string | null;
  scalingPolicy: string | null;
  currentInstanceCount: number | null;
  deployments: number;
}

/** Deployments in the given states, counted per state, shape, scaling policy and running count. */
export function configurationGroups(db: DbOrTx, states: readonly string[]): ConfigurationGroup[] {
  // Spelled as md_state_configuration_idx is, so the count reads the index alone.
  const ic = sql<string | null>`${modelDeployments.modelDeploymentConfigurationDetails} -> ${sql.raw(`'${MD_INSTANCE_CONFIGURATION_PATH}'`)}`;
  const sp = sql<string | null>`${modelDeployments.modelDeploymentConfigurationDetails} -> ${sql.raw(`'${MD_SCALING_POLICY_PATH}'`)}`;
  return db
    .select({ lifecycleState: modelDeployments.lifecycleState, instanceConfiguration: ic, scalingPolicy: sp, currentInstanceCount: modelDeployments.currentInstanceCount, deployments: count() })
    .from(modelDeployments)
    .where(inArray(modelDeployments.lifecycleState, states as typeof modelDeployments.$inferSelect.lifecycleState[]))
    .groupBy(modelDeployments.lifecycleState, ic, sp, modelDeployments.currentInstanceCount)
    .all();
}

export interface TrafficTotals {
  resourceId: string;
  requests: number;
  responses: number;
  failures: number;
}

/** Predict traffic since `since` (epoch ms) per deployment, summed in SQL. */
export function trafficTotals(db: DbOrTx, ids: readonly string[], since: number): TrafficTotals[] {
  return inSlices(ids, (slice) =>
    db
      .select({
        resourceId: metricPoints.resourceId,
        // PredictRequestCount is one sample per minute whose value (sum) is that minute's requests.
        requests: sql<number>`coalesce(sum(case when ${metricPoints.name} = 'PredictRequestCount' then ${metricPoints.sum} end), 0)`,
        responses: sql<number>`coalesce(sum(case when ${metricPoints.name} = 'PredictResponse' then ${metricPoints.count} end), 0)`,
        failures: sql<number>`coalesce(sum(case when ${metricPoints.name} = 'PredictResponse' and json_extract(${metricPoints.dimensions}, '$.result') = 'Failure' then ${metricPoints.count} end), 0)`,
      })
      .from(metricPoints)
      .where(and(inArray(metricPoints.resourceId, slice), inArray(metricPoints.name, ['PredictRequestCount', 'PredictResponse']), gte(metricPoints.timestamp, since)))
      .groupBy(metricPoints.resourceId)
      .all(),
  );
}

export const anyMetricPoint = (db: DbOrTx): boolean => db.select({ id: metricPoints.id }).from(metricPoints).limit(1).get() !== undefined;

/** Display names of the given deployments that are not DELETED; the others read as gone. */
export const deploymentNames = (db: DbOrTx, ids: readonly string[]): Map<string, string> =>
  new Map(
    inSlices(ids, (slice) =>
      db.select({ id: modelDeployments.id, name: modelDeployments.displayName }).from(modelDeployments).where(and(inArray(modelDeployments.id, slice), ne(modelDeployments.lifecycleState, 'DELETED'))).all(),
    ).map((r) => [r.id, r.name]),
  );

/** Which of the given instance ids Berth still has a row for. */
export const knownInstanceIds = (db: DbOrTx, ids: readonly string[]): Set<string> =>
  new Set(inSlices(ids, (slice) => db.select({ id: deploymentInstances.id }).from(deploymentInstances).where(inArray(deploymentInstances.id, slice)).all()).map((r) => r.id));
