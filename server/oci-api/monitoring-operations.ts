import type { OciOperation } from './operations';

// Every operation of oci-monitoring's MonitoringClient: method, path under /20180401 and the SDK's
// operation name, read from node_modules/oci-monitoring/lib/client.js. /alarms/status comes before
// /alarms/{alarmId}, which would otherwise take "status" for an alarm's OCID.

export const MONITORING_OPERATIONS: readonly OciOperation[] = [
  ['POST', '/alarms/{alarmId}/actions/changeCompartment', 'changeAlarmCompartment'],
  ['POST', '/alarms', 'createAlarm'],
  ['POST', '/alarmSuppressions', 'createAlarmSuppression'],
  ['GET', '/alarms/status', 'listAlarmsStatus'],
  ['DELETE', '/alarms/{alarmId}', 'deleteAlarm'],
  ['DELETE', '/alarmSuppressions/{alarmSuppressionId}', 'deleteAlarmSuppression'],
  ['GET', '/alarms/{alarmId}', 'getAlarm'],
  ['GET', '/alarms/{alarmId}/history', 'getAlarmHistory'],
  ['GET', '/alarmSuppressions/{alarmSuppressionId}', 'getAlarmSuppression'],
  ['GET', '/alarmSuppressions', 'listAlarmSuppressions'],
  ['GET', '/alarms', 'listAlarms'],
  ['POST', '/metrics/actions/listMetrics', 'listMetrics'],
  ['POST', '/metrics', 'postMetricData'],
  ['POST', '/alarms/{alarmId}/actions/removeSuppression', 'removeAlarmSuppression'],
  ['POST', '/alarms/{alarmId}/actions/retrieveDimensionStates', 'retrieveDimensionStates'],
  ['POST', '/alarms/{alarmId}/actions/summarizeAlarmSuppressionHistory', 'summarizeAlarmSuppressionHistory'],
  ['POST', '/metrics/actions/summarizeMetricsData', 'summarizeMetricsData'],
  ['PUT', '/alarms/{alarmId}', 'updateAlarm'],
];
