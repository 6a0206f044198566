import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateDatabase } from '@/db/migrate';
import { insertAlarmHistory, listAlarmHistory } from '@/db/queries/alarms';
import { insertScalingEvent, listScalingEvents } from '@/db/queries/scaling-events';
import { HOUR_MS, upsertPoints } from '@/db/queries/metric-points';
import { applyRetention } from '@/server/jobs/telemetry-retention';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const MD = 'ocid1.datasciencemodeldeployment.oc1.test.aaaaaaaaretention';
const DAY = 24 * HOUR_MS;

describe('retention', () => {
  it('rolls sub-minute samples up into hours like minute points, and drops scaling decisions past the hourly retention', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-retention-'));
    dirs.push(dir);
    const db = migrateDatabase(path.join(dir, 'berth.sqlite'), { region: 'test' });
    const hour = Date.UTC(2026, 0, 1, 10);
    // Five-second CPU samples (BERTH_INSTANCE_STATS_INTERVAL_S=5) over the first minute of an hour.
    upsertPoints(
      db.$client,
      Array.from({ length: 12 }, (_, i) => ({ name: 'CpuUtilization', resourceId: MD, dimensions: { resourceId: MD }, timestamp: hour + i * 5000, count: 1, sum: 10 * i, min: 10 * i, max: 10 * i, histogram: null, resolutionMs: 5000 })),
    );
    const at = (t: number) => new Date(t).toISOString();
    const event = { modelDeploymentId: MD, action: 'NONE' as const, fromCount: 2, toCount: 2, reason: 'held', heldBy: 'BOUNDS' as const, observations: [], workRequestId: null };
    insertScalingEvent(db, { ...event, time: at(hour) });
    insertScalingEvent(db, { ...event, time: at(hour + 40 * DAY) });
    const transition = { alarmId: 'ocid1.alarm.oc1.test.aaaaaaaaretention', modelDeploymentId: MD, kind: 'ACTION_REFUSED' as const, value: 90, summary: 'refused', workRequestId: null };
    insertAlarmHistory(db, { ...transition, time: at(hour) });
    insertAlarmHistory(db, { ...transition, time: at(hour + 40 * DAY) });

    applyRetention(db.$client, { minuteRetentionMs: DAY, hourRetentionMs: 30 * DAY, logRetentionMs: 7 * DAY }, hour + 2 * DAY);
    const rows = db.$client.prepare('SELECT resolution_ms AS r, count, sum, min, max FROM metric_points').all();
    expect(rows).toEqual([{ r: HOUR_MS, count: 12, sum: 660, min: 0, max: 110 }]);

    applyRetention(db.$client, { minuteRetentionMs: DAY, hourRetentionMs: 30 * DAY, logRetentionMs: 7 * DAY }, hour + 41 * DAY);
    expect(listScalingEvents(db, MD, 10).map((e) => e.time)).toEqual([at(hour + 40 * DAY)]);
    expect(listAlarmHistory(db, MD, 10).map((e) => e.time)).toEqual([at(hour + 40 * DAY)]);
    db.$client.close();
  });
});
