import { describe, expect, it } from 'vitest';
import { tempContextPerTest } from '@/tests/support/temp-context';
import { searchLogs } from '@/db/queries/logs';
import type { LogCategory } from '@/server/domain/log-search';

const MD = 'ocid1.datasciencemodeldeployment.oc1.test.aaa';
const OTHER = 'ocid1.datasciencemodeldeployment.oc1.test.bbb';
const T0 = Date.UTC(2026, 0, 1, 12);

describe('searchLogs', () => {
  const t = tempContextPerTest();
  const insert = (resourceId: string, category: LogCategory, level: string, message: string, timestamp: number, data: Record<string, unknown> | null = null) =>
    Number(
      t
        .ctx()
        .db.$client.prepare('INSERT INTO log_records (resource_id, category, instance_id, level, message, data, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(resourceId, category, 'inst-1', level, message, data ? JSON.stringify(data) : null, timestamp).lastInsertRowid,
    );

  const seed = () => {
    insert(MD, 'access', 'INFO', 'POST /predict 200 5 ms', T0, { opcRequestId: 'REQ-ONE' });
    insert(MD, 'predict', 'INFO', 'Model loaded', T0 + 1000);
    insert(MD, 'access', 'ERROR', 'POST /predict 500 7 ms', T0 + 2000, { opcRequestId: 'REQ-TWO' });
    insert(MD, 'predict', 'ERROR', 'predict failed: ValueError: 50%_off\nTraceback (most recent call last):', T0 + 2000);
    insert(OTHER, 'access', 'INFO', 'POST /predict 200 1 ms', T0 + 3000);
  };

  it('returns a deployment\'s records newest first, and only its own', () => {
    seed();
    const page = searchLogs(t.ctx().db, { resourceId: MD, limit: 50 });
    expect(page.records.map((r) => r.message.split('\n')[0])).toEqual([
      'predict failed: ValueError: 50%_off',
      'POST /predict 500 7 ms',
      'Model loaded',
      'POST /predict 200 5 ms',
    ]);
    expect(page.nextCursor).toBeNull();
    expect(page.records[3]?.data).toEqual({ opcRequestId: 'REQ-ONE' });
  });

  it('filters by category, level, time and text (message or data, LIKE wildcards literal)', () => {
    seed();
    const db = t.ctx().db;
    expect(searchLogs(db, { resourceId: MD, categories: ['predict'], limit: 50 }).records).toHaveLength(2);
    expect(searchLogs(db, { resourceId: MD, levels: ['ERROR', 'CRITICAL'], limit: 50 }).records.map((r) => r.category)).toEqual(['predict', 'access']);
    expect(searchLogs(db, { resourceId: MD, startTime: T0 + 1000, endTime: T0 + 2000, limit: 50 }).records.map((r) => r.message)).toEqual(['Model loaded']);
    expect(searchLogs(db, { resourceId: MD, text: 'req-two', limit: 50 }).records.map((r) => r.message)).toEqual(['POST /predict 500 7 ms']);
    expect(searchLogs(db, { resourceId: MD, text: '50%_', limit: 50 }).records).toHaveLength(1);
    expect(searchLogs(db, { resourceId: MD, text: '5_%', limit: 50 }).records).toHaveLength(0);
  });

  it('pages with a cursor without repeating or skipping rows of the same millisecond', () => {
    for (let i = 0; i < 5; i++) insert(MD, 'access', 'INFO', `line ${i}`, T0 + (i < 3 ? 0 : i));
    const db = t.ctx().db;
    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = searchLogs(db, { resourceId: MD, limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.records.map((r) => r.message));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['line 4', 'line 3', 'line 2', 'line 1', 'line 0']);
  });

  it('tails: rows after an id, oldest first, with the next afterId', () => {
    seed();
    const db = t.ctx().db;
    const start = searchLogs(db, { resourceId: MD, limit: 50 }).latestId;
    expect(searchLogs(db, { resourceId: MD, afterId: start, limit: 50 })).toMatchObject({ records: [], nextCursor: String(start) });
    const a = insert(MD, 'predict', 'INFO', 'new one', T0 - 5000);
    insert(MD, 'predict', 'DEBUG', 'filtered out', T0);
    const b = insert(MD, 'access', 'INFO', 'new two', T0 + 9000);
    const tail = searchLogs(db, { resourceId: MD, afterId: start, levels: ['INFO'], limit: 50 });
    expect(tail.records.map((r) => r.id)).toEqual([a, b]);
    expect(tail.nextCursor).toBe(String(b));
    const capped = searchLogs(db, { resourceId: MD, afterId: start, limit: 1 });
    expect(capped.records.map((r) => r.id)).toEqual([a]);
    expect(capped.nextCursor).toBe(String(a));
  });
});
