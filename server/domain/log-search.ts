// What a search of a deployment's access and predict logs asks and answers. Two modes:
// - a page, newest first, paged with a (timestamp, id) cursor;
// - a tail (afterId given): the rows stored after that id, oldest first, for a live view.
// The search itself is db/queries/logs.ts.

export type LogCategory = 'access' | 'predict';
export const LOG_CATEGORIES = ['access', 'predict'] as const satisfies readonly LogCategory[];
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'] as const;

export interface LogRecord {
  id: number;
  category: LogCategory;
  instanceId: string | null;
  level: string;
  message: string;
  data: Record<string, unknown> | null;
  /** Epoch milliseconds. */
  timestamp: number;
}

export interface LogSearch {
  resourceId: string;
  categories?: readonly LogCategory[];
  levels?: readonly string[];
  /** Case-insensitive substring of the message or the data (e.g. an opc-request-id). */
  text?: string;
  /** Epoch milliseconds, inclusive. */
  startTime?: number;
  /** Epoch milliseconds, exclusive. */
  endTime?: number;
  /** Tail mode: only rows with a larger id, oldest first. */
  afterId?: number;
  /** Page mode: the nextCursor of the previous page. */
  cursor?: string;
  limit: number;
}

export interface LogPage {
  records: LogRecord[];
  /** Page mode: the cursor of the next (older) page, null on the last. Tail mode: the afterId of the next poll. */
  nextCursor: string | null;
  /** The largest id stored for this deployment: where a live tail started now begins. */
  latestId: number;
}

export const MAX_LOG_LIMIT = 500;

/** Parses "timestamp:id"; null when malformed. */
export function parseCursor(cursor: string): { timestamp: number; id: number } | null {
  const m = /^(\d+):(\d+)$/.exec(cursor);
  return m ? { timestamp: Number(m[1]), id: Number(m[2]) } : null;
}
