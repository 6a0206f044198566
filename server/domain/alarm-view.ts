import type { AlarmAction } from './alarm-actions';
import type { AlarmSeverity, AlarmState } from './alarm-evaluator';

// An alarm and its history as the console shows them (the stored rows have this shape).

export type AlarmHistoryKind = 'OK_TO_FIRING' | 'FIRING_TO_OK' | 'REPEAT' | 'ACTION' | 'ACTION_REFUSED' | 'ACTION_FAILED';

export interface AlarmView {
  id: string;
  modelDeploymentId: string;
  displayName: string;
  query: string;
  severity: AlarmSeverity;
  pendingSeconds: number;
  repeatSeconds: number | null;
  isEnabled: boolean;
  action: AlarmAction;
  coolDownSeconds: number;
  state: AlarmState;
  timeStateChanged: string | null;
  timeLastNotified: string | null;
  lastValue: number | null;
  lastSummary: string | null;
  timeLastEvaluated: string | null;
  timeCreated: string;
  timeUpdated: string;
  /** OCI Monitoring's: the topics it notifies, and the notification's text. */
  destinations?: readonly string[];
  body?: string | null;
}

export interface AlarmHistoryView {
  id: number;
  alarmId: string;
  modelDeploymentId: string;
  time: string;
  kind: AlarmHistoryKind;
  value: number | null;
  summary: string;
  workRequestId: string | null;
}

export const HISTORY_KIND_LABELS: Record<AlarmHistoryKind, string> = {
  OK_TO_FIRING: 'Firing',
  FIRING_TO_OK: 'Back to OK',
  REPEAT: 'Repeat',
  ACTION: 'Action taken',
  ACTION_REFUSED: 'Action refused',
  ACTION_FAILED: 'Action failed',
};
