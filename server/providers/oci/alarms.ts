import type { models, MonitoringClient, requests } from 'oci-monitoring';
import type { OciAlarm, OciAlarmHistoryEntry, OciAlarmStatus, OciAlarmSummary } from '@/server/domain/oci-alarm';
import type { MonitoringAlarmsApi } from '../types';
import { call } from './errors';
import { allPages } from './paging';
import { fromSdk, toSdk } from './wire';

// OCI Monitoring's alarms through oci-monitoring's MonitoringClient, in the SDK's own shapes (the
// domain's OciAlarm is the SDK's Alarm as JSON). An update and a delete carry the etag the
// console read, so a change made meanwhile elsewhere is refused (412) rather than overwritten.

export function createOciMonitoringAlarms({ monitoring, where }: { monitoring: MonitoringClient; where: string }): MonitoringAlarmsApi {
  return {
    listAlarms: (compartmentId) =>
      allPages((page) =>
        call(where, async () => {
          const r = await monitoring.listAlarms({ compartmentId, ...(page ? { page } : {}) });
          return { items: r.items.map((a) => fromSdk<OciAlarmSummary>(a)), ...(r.opcNextPage ? { opcNextPage: r.opcNextPage } : {}) };
        }),
      ),
    getAlarm: (alarmId) =>
      call(where, async () => {
        const r = await monitoring.getAlarm({ alarmId });
        return { alarm: fromSdk<OciAlarm>(r.alarm), etag: r.etag ?? '' };
      }),
    createAlarm: (details) => call(where, async () => fromSdk<OciAlarm>((await monitoring.createAlarm({ createAlarmDetails: toSdk<models.CreateAlarmDetails>(details) })).alarm)),
    updateAlarm: (alarmId, details, ifMatch) =>
      call(where, async () => fromSdk<OciAlarm>((await monitoring.updateAlarm({ alarmId, updateAlarmDetails: toSdk<models.UpdateAlarmDetails>(details), ...(ifMatch ? { ifMatch } : {}) })).alarm)),
    deleteAlarm: (alarmId, ifMatch) =>
      call(where, async () => {
        await monitoring.deleteAlarm({ alarmId, ...(ifMatch ? { ifMatch } : {}) });
      }),
    listAlarmsStatus: (compartmentId, resourceId) =>
      allPages((page) =>
        call(where, async () => {
          const r = await monitoring.listAlarmsStatus({ compartmentId, resourceId, ...(page ? { page } : {}) });
          return { items: r.items.map((s) => fromSdk<OciAlarmStatus>(s)), ...(r.opcNextPage ? { opcNextPage: r.opcNextPage } : {}) };
        }),
      ),
    getAlarmHistory: (alarmId, type) =>
      allPages((page) =>
        call(where, async () => {
          const r = await monitoring.getAlarmHistory({ alarmId, alarmHistorytype: type as requests.GetAlarmHistoryRequest.AlarmHistorytype, ...(page ? { page } : {}) });
          return { items: r.alarmHistoryCollection.entries.map((e) => fromSdk<OciAlarmHistoryEntry>(e)), ...(r.opcNextPage ? { opcNextPage: r.opcNextPage } : {}) };
        }),
      ),
  };
}
