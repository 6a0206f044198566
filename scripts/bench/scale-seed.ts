import { modelDeployments } from '@/db/schema/model-deployments';
import { projects } from '@/db/schema/projects';
import { metricPoints } from '@/db/schema/telemetry';
import { workRequestErrors, workRequests } from '@/db/schema/work-requests';
import type { DbOrTx } from '@/db/client';
import type { ModelDeploymentLifecycleState } from '@/server/domain/oci-types';
import { MODEL_DEPLOY_NAMESPACE } from '@/db/queries/metric-points';

// Many deployments in one compartment, through the real schema, for the scale benchmark and the
// paging and aggregate tests. Deterministic: row i always gets the same state, shape, tags and time.

export const SEED_STATES: ModelDeploymentLifecycleState[] = ['ACTIVE', 'ACTIVE', 'ACTIVE', 'INACTIVE', 'FAILED', 'CREATING', 'UPDATING', 'NEEDS_ATTENTION', 'DELETED'];
const SHAPES = [
  { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
  { instanceShapeName: 'VM.Standard3.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 2, memoryInGBs: 8 } },
  { instanceShapeName: 'VM.Standard2.1' },
];

export interface SeedOptions {
  compartmentId: string;
  createdBy: string;
  deployments: number;
  projects?: number;
  /** Start of the creation times; row i is created i seconds later (a few share a second). */
  start?: Date;
  now?: Date;
}

export const seedDeploymentId = (i: number) => `ocid1.datasciencemodeldeployment.oc1.test.seed${String(i).padStart(7, '0')}`;
const projectId = (i: number) => `ocid1.datascienceproject.oc1.test.seed${String(i).padStart(4, '0')}`;

export function seedDeployments(db: DbOrTx, o: SeedOptions): { ids: string[]; projectIds: string[] } {
  const start = (o.start ?? new Date(Date.UTC(2026, 0, 1))).getTime();
  const now = (o.now ?? new Date()).getTime();
  const projectIds = Array.from({ length: o.projects ?? 10 }, (_, i) => projectId(i));
  const ids: string[] = [];
  db.transaction((tx) => {
    tx.insert(projects)
      .values(projectIds.map((id, i) => ({ id, compartmentId: o.compartmentId, displayName: `project-${i}`, createdBy: o.createdBy, lifecycleState: 'ACTIVE' as const, timeCreated: new Date(start).toISOString() })))
      .run();
    const CHUNK = 500;
    for (let from = 0; from < o.deployments; from += CHUNK) {
      const rows: (typeof modelDeployments.$inferInsert)[] = [];
      for (let i = from; i < Math.min(o.deployments, from + CHUNK); i++) {
        const id = seedDeploymentId(i);
        ids.push(id);
        const state = SEED_STATES[i % SEED_STATES.length] ?? 'ACTIVE';
        const count = 1 + (i % 3);
        rows.push({
          id,
          compartmentId: o.compartmentId,
          projectId: projectIds[i % projectIds.length] ?? projectId(0),
          modelId: `ocid1.datasciencemodel.oc1.test.seed${i % 7}`,
          // Names repeat every 1,000 rows so name sorts have ties for the id to break.
          displayName: `md-${String(i % 1000).padStart(4, '0')}${i % 5 === 0 ? '-blue' : ''}`,
          createdBy: o.createdBy,
          // Every fourth row shares its second with the next: time sorts have ties too.
          timeCreated: new Date(start + Math.floor(i / 2) * 1000).toISOString(),
          lifecycleState: state,
          modelDeploymentUrl: `http://127.0.0.1/${id}`,
          modelDeploymentConfigurationDetails: {
            deploymentType: 'SINGLE_MODEL',
            modelConfigurationDetails: {
              modelId: `ocid1.datasciencemodel.oc1.test.seed${i % 7}`,
              instanceConfiguration: SHAPES[i % SHAPES.length] ?? SHAPES[0]!,
              scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: count },
            },
          },
          currentInstanceCount: state === 'ACTIVE' ? count : i % 2 === 0 ? null : 1,
          freeformTags: i % 4 === 0 ? { team: i % 8 === 0 ? 'search' : 'ads' } : {},
        });
      }
      tx.insert(modelDeployments).values(rows).run();
    }
    // Traffic for the first 200 rows within the last five minutes, a few failed work requests.
    const minute = now - (now % 60_000) - 60_000;
    const points: (typeof metricPoints.$inferInsert)[] = [];
    for (const [i, id] of ids.slice(0, 200).entries()) {
      points.push({ namespace: MODEL_DEPLOY_NAMESPACE, name: 'PredictRequestCount', resourceId: id, dimensions: { resourceId: id }, timestamp: minute, count: 1, sum: 60 + i, min: 0, max: 0 });
      points.push({ namespace: MODEL_DEPLOY_NAMESPACE, name: 'PredictResponse', resourceId: id, dimensions: { resourceId: id, result: 'Success' }, timestamp: minute, count: 50 + i, sum: 1, min: 1, max: 1 });
      if (i % 3 === 0) points.push({ namespace: MODEL_DEPLOY_NAMESPACE, name: 'PredictResponse', resourceId: id, dimensions: { resourceId: id, result: 'Failure' }, timestamp: minute, count: 5, sum: 1, min: 1, max: 1 });
    }
    for (let from = 0; from < points.length; from += 300) tx.insert(metricPoints).values(points.slice(from, from + 300)).run();
    for (let i = 0; i < Math.min(20, ids.length); i++) {
      const wr = `ocid1.datascienceworkrequest.oc1.test.seed${i}`;
      const t = new Date(start + i * 1000).toISOString();
      tx.insert(workRequests)
        .values({ id: wr, compartmentId: o.compartmentId, operationType: 'MODEL_DEPLOYMENT_CREATE', resourceId: ids[i] ?? '', status: 'FAILED', timeAccepted: t, timeFinished: t, percentComplete: 100, resources: [], payload: {} })
        .run();
      tx.insert(workRequestErrors).values({ workRequestId: wr, code: 'InternalError', message: `seeded failure ${i}`, timestamp: t }).run();
    }
  });
  return { ids, projectIds };
}
