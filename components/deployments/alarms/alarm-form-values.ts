import type { AlarmAction, LadderStep } from '@/server/domain/alarm-actions';
import type { AlarmView } from '@/server/domain/alarm-view';
import type { InstanceConfiguration } from '@/server/domain/oci-types';

// The alarm form's values as text (what inputs hold), from a stored alarm or for a new one, and
// back to the object the server actions validate.

export interface AlarmFormValues {
  displayName: string;
  query: string;
  severity: string;
  pendingDuration: string;
  repeatDuration: string;
  coolDownInSeconds: string;
  isEnabled: boolean;
  actionType: AlarmAction['type'];
  direction: 'UP' | 'DOWN';
  count: string;
  minInstances: string;
  maxInstances: string;
  ladder: string;
  /** OCI Monitoring's (an OCI context): the topics to notify, one OCID a line, and the notification body. */
  destinations: string;
  body: string;
}

const iso = (seconds: number) => (seconds % 3600 === 0 ? `PT${seconds / 3600}H` : seconds % 60 === 0 ? `PT${seconds / 60}M` : `PT${seconds}S`);
const stepLine = (s: LadderStep) => [s.instanceShapeName, s.ocpus, s.memoryInGBs].filter((v) => v !== undefined).join(' ');

/** A flex shape's next two doublings, as seed 004's list of shapes ordered by size. */
function suggestedLadder(c: InstanceConfiguration | undefined): string {
  if (!c) return '';
  const ocpus = c.modelDeploymentInstanceShapeConfigDetails?.ocpus;
  const memory = c.modelDeploymentInstanceShapeConfigDetails?.memoryInGBs;
  if (ocpus === undefined || memory === undefined) return c.instanceShapeName;
  return [1, 2, 4].map((k) => `${c.instanceShapeName} ${ocpus * k} ${memory * k}`).join('\n');
}

export function newAlarmValues(deploymentId: string, instanceConfiguration: InstanceConfiguration | undefined, minSeconds: number | null): AlarmFormValues {
  return {
    displayName: 'model_deployment_high_mem',
    query: `MemoryUtilization[1m]{resourceId = "${deploymentId}"}.max() > 80`,
    severity: 'WARNING',
    pendingDuration: minSeconds !== null && minSeconds < 60 ? `PT${minSeconds}S` : 'PT1M',
    repeatDuration: '',
    coolDownInSeconds: String(minSeconds ?? 300),
    isEnabled: true,
    actionType: 'CHANGE_SHAPE',
    direction: 'UP',
    count: '1',
    minInstances: '1',
    maxInstances: '3',
    ladder: suggestedLadder(instanceConfiguration),
    destinations: '',
    body: '',
  };
}

export function alarmValuesOf(a: AlarmView): AlarmFormValues {
  const action = a.action;
  return {
    displayName: a.displayName,
    query: a.query,
    severity: a.severity,
    pendingDuration: iso(a.pendingSeconds),
    repeatDuration: a.repeatSeconds === null ? '' : iso(a.repeatSeconds),
    coolDownInSeconds: String(a.coolDownSeconds),
    isEnabled: a.isEnabled,
    actionType: action.type,
    direction: action.type === 'NONE' ? 'UP' : action.direction,
    count: action.type === 'SCALE_INSTANCES' ? String(action.count) : '1',
    minInstances: action.type === 'SCALE_INSTANCES' ? String(action.minInstances) : '1',
    maxInstances: action.type === 'SCALE_INSTANCES' ? String(action.maxInstances) : '3',
    ladder: action.type === 'CHANGE_SHAPE' ? action.ladder.map(stepLine).join('\n') : '',
    destinations: (a.destinations ?? []).join('\n'),
    body: a.body ?? '',
  };
}

/** What the server actions validate; `notifyOnly` (OCI's alarms) sends the topics and body, and no action. */
export function alarmInputOf(v: AlarmFormValues, notifyOnly = false): Record<string, unknown> {
  const action =
    v.actionType === 'NONE' ? { type: 'NONE' }
    : v.actionType === 'SCALE_INSTANCES' ? { type: 'SCALE_INSTANCES', direction: v.direction, count: v.count, minInstances: v.minInstances, maxInstances: v.maxInstances }
    : { type: 'CHANGE_SHAPE', direction: v.direction, ladder: v.ladder };
  return {
    displayName: v.displayName,
    query: v.query,
    severity: v.severity,
    pendingDuration: v.pendingDuration,
    repeatDuration: v.repeatDuration,
    coolDownInSeconds: v.coolDownInSeconds,
    isEnabled: v.isEnabled,
    ...(notifyOnly ? { action: { type: 'NONE' }, destinations: v.destinations, body: v.body } : { action }),
  };
}
