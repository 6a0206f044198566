import { describe, expect, it } from 'vitest';
import { getModelDeploymentRow, insertModelDeploymentRow } from '@/db/queries/model-deployments';
import type { ModelDeploymentLifecycleState } from '@/server/domain/oci-types';
import { modelDeploymentFixture } from '@/tests/support/model-deployment';
import { tempContextPerTest } from '@/tests/support/temp-context';
import { DATA_PLANE_DOWN_PREFIX, createDataPlaneMarks } from './data-plane';

// What a dead gateway does to the deployments' states, on a real SQLite file.

const { ctx } = tempContextPerTest();

function put(suffix: string, lifecycleState: ModelDeploymentLifecycleState, lifecycleDetails: string) {
  const f = modelDeploymentFixture();
  const id = `${f.id}${suffix}`;
  insertModelDeploymentRow(ctx().db, {
    id,
    compartmentId: f.compartmentId,
    projectId: f.projectId,
    modelId: 'ocid1.datasciencemodel.oc1.test.m',
    displayName: suffix,
    createdBy: f.createdBy,
    timeCreated: f.timeCreated,
    lifecycleState,
    lifecycleDetails,
    modelDeploymentUrl: `http://127.0.0.1:3080/${id}`,
    modelDeploymentConfigurationDetails: f.modelDeploymentConfigurationDetails!,
    categoryLogDetails: null,
    currentInstanceCount: 1,
    freeformTags: {},
    definedTags: {},
  });
  return id;
}

const state = (id: string) => {
  const r = getModelDeploymentRow(ctx().db, id);
  return [r?.lifecycleState, r?.lifecycleDetails];
};

describe('data plane marks', () => {
  it('marks ACTIVE deployments while no gateway answers and restores exactly those, with their details', () => {
    const active = put('a', 'ACTIVE', 'Model Deployment is Active. The shape was fitted to this host.');
    const sick = put('b', 'NEEDS_ATTENTION', 'The update failed: exit code 3. The previous configuration is still serving.');
    const inactive = put('c', 'INACTIVE', 'Model Deployment is Inactive.');
    const marks = createDataPlaneMarks(ctx().db);

    expect(marks.down('connection refused')).toEqual([active]);
    expect(state(active)[0]).toBe('NEEDS_ATTENTION');
    expect(state(active)[1]).toBe(`${DATA_PLANE_DOWN_PREFIX}: the gateway stopped (connection refused), so predictions fail. Berth is restarting it.`);
    expect(state(sick)[0]).toBe('NEEDS_ATTENTION');
    expect(state(inactive)[0]).toBe('INACTIVE');

    expect(marks.up()).toEqual([active]);
    expect(state(active)).toEqual(['ACTIVE', 'Model Deployment is Active. The shape was fitted to this host.']);
    expect(state(sick)).toEqual(['NEEDS_ATTENTION', 'The update failed: exit code 3. The previous configuration is still serving.']);
  });

  it('restores a mark left by an earlier console with the plain active text', () => {
    const left = put('d', 'NEEDS_ATTENTION', `${DATA_PLANE_DOWN_PREFIX}: the gateway stopped (connection refused), so predictions fail. Berth is restarting it.`);
    expect(createDataPlaneMarks(ctx().db).up()).toEqual([left]);
    expect(state(left)).toEqual(['ACTIVE', 'Model Deployment is Active.']);
  });
});
