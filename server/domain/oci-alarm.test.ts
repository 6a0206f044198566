import { describe, expect, it } from 'vitest';
import { historyKindOf, isoOfSeconds, ociAlarmOf, ociHistoryEntryOf, resourceIdOfQuery } from './oci-alarm';

const MD = 'ocid1.datasciencemodeldeployment.oc1.test.aaaamd';

describe("Berth's alarms in OCI Monitoring's shapes", () => {
  it('writes durations as OCI does', () => {
    expect([60, 90, 300, 3600, 5400, 4].map(isoOfSeconds)).toEqual(['PT1M', 'PT1M30S', 'PT5M', 'PT1H', 'PT1H30M', 'PT4S']);
  });

  it('finds the one deployment a query names, or says what is missing', () => {
    expect(resourceIdOfQuery(`CpuUtilization[1m]{resourceId = "${MD}"}.mean() > 80`)).toEqual({ ok: true, resourceId: MD });
    expect(resourceIdOfQuery('CpuUtilization[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.mean() > 80').ok).toBe(false);
    expect(resourceIdOfQuery(`CpuUtilization[1m]{resourceId != "${MD}"}.mean() > 80`).ok).toBe(false);
    expect(resourceIdOfQuery(`CpuUtilization[1m]{resourceId = "${MD}", resourceId = "${MD}"}.mean() > 80`).ok).toBe(false);
    expect(resourceIdOfQuery('CpuUtilization[1m].mean() >')).toEqual({ ok: false, message: expect.stringMatching(/^Expected a number after the comparison at column 28,/) });
  });

  it('names the deployment in the query and leaves the action out', () => {
    const a = ociAlarmOf(
      { id: 'ocid1.alarm.x', modelDeploymentId: MD, displayName: 'a', query: 'MemoryUtilization[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.max() > 80', severity: 'INFO', pendingSeconds: 120, repeatSeconds: null, isEnabled: true, state: 'OK', timeStateChanged: null, lastSummary: null, timeCreated: 't0', timeUpdated: 't1', compartmentId: null, body: null, destinations: [] },
      'ocid1.compartment.c',
    );
    expect(a).toMatchObject({ query: `MemoryUtilization[1m]{resourceId = "${MD}"}.max() > 80`, compartmentId: 'ocid1.compartment.c', metricCompartmentId: 'ocid1.compartment.c', pendingDuration: 'PT2M', lifecycleState: 'ACTIVE' });
    expect(Object.keys(a)).not.toEqual(expect.arrayContaining(['action', 'repeatNotificationDuration', 'body']));
  });

  it('keeps transitions in both history types and the rest in STATE_HISTORY only, and reads transitions back', () => {
    const fired = ociHistoryEntryOf({ kind: 'OK_TO_FIRING', summary: '95 > 80 for 1m', time: 't' }, 'STATE_TRANSITION_HISTORY');
    expect(fired).toEqual({ alarmSummary: '95 > 80 for 1m', summary: 'State transitioned from OK to Firing', timestamp: 't', timestampTriggered: 't' });
    expect(ociHistoryEntryOf({ kind: 'ACTION', summary: 'Shape up', time: 't' }, 'STATE_TRANSITION_HISTORY')).toBeNull();
    expect(ociHistoryEntryOf({ kind: 'ACTION', summary: 'Shape up', time: 't' }, 'STATE_HISTORY')?.summary).toBe('Alarm action taken (local provider)');
    expect([historyKindOf(fired?.summary ?? ''), historyKindOf('State transitioned from Firing to OK'), historyKindOf('Repeat notification while Firing')]).toEqual(['OK_TO_FIRING', 'FIRING_TO_OK', null]);
  });
});
