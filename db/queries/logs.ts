import type { Db } from '../client';
import { LOG_CATEGORIES, MAX_LOG_LIMIT, parseCursor, type LogCategory, type LogPage, type LogRecord, type LogSearch } from '@/server/domain/log-search';

// Searches log_records through log_records_lookup_idx (resource_id, category, timestamp).

interface Row {
  id: number;
  category: LogCategory;
  instance_id: string | null;
  level: string;
  message: string;
  data: string | null;
  timestamp: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);


export function searchLogs(db: Db, q: LogSearch): LogPage {
  const sqlite = db.$client;
  const limit = Math.max(1, Math.min(MAX_LOG_LIMIT, Math.floor(q.limit)));
  const categories = q.categories && q.categories.length > 0 ? q.categories : LOG_CATEGORIES;
  const where: string[] = ['resource_id = ?', `category IN (${categories.map(() => '?').join(', ')})`];
  const args: (string | number)[] = [q.resourceId, ...categories];
  if (q.levels && q.levels.length > 0) {
    where.push(`level IN (${q.levels.map(() => '?').join(', ')})`);
    args.push(...q.levels);
  }
  const text = q.text?.trim();
  if (text) {
    where.push("(message LIKE ? ESCAPE '\\' OR data LIKE ? ESCAPE '\\')");
    const like = `%${escapeLike(text)}%`;
    args.push(like, like);
  }
  if (q.startTime !== undefined) {
    where.push('timestamp >= ?');
    args.push(q.startTime);
  }
  const tail = q.afterId !== undefined;
  if (q.endTime !== undefined && !tail) {
    where.push('timestamp < ?');
    args.push(q.endTime);
  }
  const latest = sqlite.prepare('SELECT MAX(id) AS id FROM log_records WHERE resource_id = ?').get(q.resourceId) as { id: number | null };
  const latestId = latest.id ?? 0;

  if (tail) {
    where.push('id > ?');
    args.push(q.afterId ?? 0);
    const rows = sqlite.prepare(`SELECT * FROM log_records WHERE ${where.join(' AND ')} ORDER BY id ASC LIMIT ?`).all(...args, limit) as Row[];
    const last = rows.at(-1);
    // When a page is full more may be waiting; otherwise everything up to latestId has been seen.
    const next = last ? last.id : Math.max(q.afterId ?? 0, rows.length < limit ? latestId : 0);
    return { records: rows.map(toRecord), nextCursor: String(next), latestId };
  }

  const cursor = q.cursor ? parseCursor(q.cursor) : null;
  if (cursor) {
    where.push('(timestamp < ? OR (timestamp = ? AND id < ?))');
    args.push(cursor.timestamp, cursor.timestamp, cursor.id);
  }
  const rows = sqlite
    .prepare(`SELECT * FROM log_records WHERE ${where.join(' AND ')} ORDER BY timestamp DESC, id DESC LIMIT ?`)
    .all(...args, limit + 1) as Row[];
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return { records: page.map(toRecord), nextCursor: more && last ? `${last.timestamp}:${last.id}` : null, latestId };
}

function toRecord(r: Row): LogRecord {
  let data: Record<string, unknown> | null = null;
  if (r.data) {
    try {
      data = JSON.parse(r.data) as Record<string, unknown>;
    } catch {
      data = { raw: r.data };
    }
  }
  return { id: r.id, category: r.category, instanceId: r.instance_id, level: r.level, message: r.message, data, timestamp: r.timestamp };
}
