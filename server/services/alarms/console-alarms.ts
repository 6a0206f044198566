import type { AlarmHistoryView, AlarmView } from '@/server/domain/alarm-view';
import type { DomainError, Result } from '@/server/domain/result';

// What the deployment's Alarms tab and its actions use, whichever holds the alarms: the console's
// own (the local provider, with actions) or OCI Monitoring (an OCI context, notifications only).

export interface ConsoleAlarms {
  list(deploymentId: string): Promise<Result<{ alarms: AlarmView[]; history: AlarmHistoryView[] }, DomainError>>;
  create(deploymentId: string, input: unknown): Promise<Result<AlarmView, DomainError>>;
  update(alarmId: string, input: unknown): Promise<Result<AlarmView, DomainError>>;
  setEnabled(alarmId: string, isEnabled: boolean): Promise<Result<AlarmView, DomainError>>;
  remove(alarmId: string): Promise<Result<{ modelDeploymentId: string }, DomainError>>;
}
