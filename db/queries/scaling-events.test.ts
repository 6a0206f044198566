import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempContext, type TempContext } from '@/tests/support/temp-context';
import { insertScalingEvent, lastScalingFinishedAt } from './scaling-events';
import { insertWorkRequestRow } from './work-requests';

// The scaler's cooldown reads the timeline the idle guard writes to as well: only scalings count.

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const MD = 'ocid1.datasciencemodeldeployment.test.local.cooldown';
let c: TempContext;

beforeEach(() => {
  c = createTempContext(() => new Date(T0));
});
afterEach(() => c.dispose());

function event(action: 'SCALE_OUT' | 'ACTIVATE' | 'DEACTIVATE', finishedAt: number | null, wrId: string) {
  insertWorkRequestRow(c.db, {
    id: wrId,
    operationType: action === 'SCALE_OUT' ? 'MODEL_DEPLOYMENT_UPDATE' : action === 'ACTIVATE' ? 'MODEL_DEPLOYMENT_ACTIVATE' : 'MODEL_DEPLOYMENT_DEACTIVATE',
    status: finishedAt === null ? 'IN_PROGRESS' : 'SUCCEEDED',
    compartmentId: c.installation.defaultCompartmentId,
    resources: [],
    timeAccepted: new Date(T0).toISOString(),
    timeFinished: finishedAt === null ? null : new Date(finishedAt).toISOString(),
    resourceId: MD,
    payload: {},
  });
  const time = new Date((finishedAt ?? T0) - 1000).toISOString();
  insertScalingEvent(c.db, { modelDeploymentId: MD, time, action, fromCount: 1, toCount: 2, reason: action, heldBy: null, observations: [], workRequestId: wrId });
}

describe('lastScalingFinishedAt', () => {
  it('is the end of the newest scaling, whatever the idle guard did after it', () => {
    expect(lastScalingFinishedAt(c.db, MD, T0)).toBeNull();
    event('SCALE_OUT', T0 + 60_000, 'wr-scale');
    event('DEACTIVATE', T0 + 120_000, 'wr-off');
    event('ACTIVATE', null, 'wr-on');
    expect(lastScalingFinishedAt(c.db, MD, T0 + 200_000)).toBe(T0 + 60_000);
  });
});
