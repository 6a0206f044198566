// Turns a serving container's output lines into predict log records: a level parsed from each line
// the model server formats ("2026-01-01 10:00:00,123 ERROR [7] berth.model_server: ..."), and
// tracebacks kept together with the line that introduced them. Each record is capped at
// LOG_RECORD_MAX_BYTES (head, a marker, tail), however long the lines that made it.

import { capLogText, CappedTextBuilder, LOG_RECORD_MAX_BYTES } from '@/server/domain/log-cap';

export type LogStream = 'stdout' | 'stderr';

export interface PredictLine {
  stream: LogStream;
  /** Epoch milliseconds, from Docker's timestamp. */
  timestamp: number;
  text: string;
  /** UTF-8 bytes of this line dropped before it arrived whole (a line longer than the splitter keeps). */
  droppedBytes?: number;
}

export interface PredictRecord {
  stream: LogStream;
  level: string;
  message: string;
  /** The first line's time. */
  timestamp: number;
  /** The last line's time: where a restarted follower resumes. */
  lastTimestamp: number;
  /** UTF-8 bytes left out by the cap; 0 when the record is whole. */
  cutBytes: number;
}

const LEVELS: Record<string, string> = {
  TRACE: 'DEBUG',
  DEBUG: 'DEBUG',
  INFO: 'INFO',
  NOTICE: 'INFO',
  WARN: 'WARNING',
  WARNING: 'WARNING',
  ERROR: 'ERROR',
  CRITICAL: 'CRITICAL',
  FATAL: 'CRITICAL',
};

// The level word first on the line, or after a time stamp and bracketed fields: bare ("ERROR"),
// bracketed ("[ERROR]") or uvicorn's "INFO:". A message that mentions "ERROR" later is not a level.
const LEVEL_RE = /^(?:[\d][\d:.,+\-TZ/ ]*\s+|\[[^\]]*\]\s*)*\[?(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|CRITICAL|FATAL)\]?(?=[\s:\]]|$)/;

/** The level a line states, normalized to DEBUG/INFO/WARNING/ERROR/CRITICAL; null when it states none. */
export function parseLevel(line: string): string | null {
  const m = LEVEL_RE.exec(line.slice(0, 80));
  return m?.[1] ? (LEVELS[m[1]] ?? null) : null;
}

const TRACEBACK_START = /^Traceback \(most recent call last\):/;
const CHAIN = /^(During handling of the above exception|The above exception was the direct cause)/;

/** The level of a line that states none: stderr tracebacks are errors, the rest is information. */
export function defaultLevel(stream: LogStream, line: string): string {
  return stream === 'stderr' && TRACEBACK_START.test(line) ? 'ERROR' : 'INFO';
}

interface Open extends Omit<PredictRecord, 'message' | 'cutBytes'> {
  text: CappedTextBuilder;
  /** Bytes already cut from single overlong lines before they joined the record. */
  lineCutBytes: number;
  /** Inside a traceback: unindented lines still belong to it (its final "ValueError: ..." line). */
  inTraceback: boolean;
}

/** Lines further apart than this never join one record. */
const JOIN_WINDOW_MS = 1000;

/**
 * Groups lines into records, one open record per stream. A line joins the open record when it has no
 * level of its own and is indented, starts or continues a traceback, or chains exceptions.
 */
export class LineGrouper {
  private open = new Map<LogStream, Open>();

  constructor(private readonly maxBytes = LOG_RECORD_MAX_BYTES) {}

  /** Adds a line; returns the records it closed. */
  push(line: PredictLine): PredictRecord[] {
    // One line alone may be megabytes (an echoed request body): cap it before it joins a record.
    const capped = capLogText(line.text.replace(/\r$/, ''), this.maxBytes, line.droppedBytes ?? 0);
    const text = capped.text;
    const current = this.open.get(line.stream);
    const level = parseLevel(text);
    if (current && level === null && line.timestamp - current.lastTimestamp <= JOIN_WINDOW_MS && joins(current, text)) {
      current.text.append(`\n${text}`);
      current.lineCutBytes += capped.cutBytes;
      current.lastTimestamp = line.timestamp;
      if (TRACEBACK_START.test(text)) {
        current.inTraceback = true;
        if (current.level === 'INFO' && line.stream === 'stderr') current.level = 'ERROR';
      } else if (current.inTraceback && !/^\s/.test(text) && text.trim() !== '' && !CHAIN.test(text)) {
        current.inTraceback = false;
      }
      return [];
    }
    if (text.trim() === '') return [];
    const closed = current ? [close(current)] : [];
    const builder = new CappedTextBuilder(this.maxBytes);
    builder.append(text);
    this.open.set(line.stream, {
      stream: line.stream,
      level: level ?? defaultLevel(line.stream, text),
      text: builder,
      lineCutBytes: capped.cutBytes,
      timestamp: line.timestamp,
      lastTimestamp: line.timestamp,
      inTraceback: TRACEBACK_START.test(text),
    });
    return closed;
  }

  /** Closes the records that saw no line since `before` (or all of them): their lines have stopped. */
  drain(before = Infinity): PredictRecord[] {
    const out: PredictRecord[] = [];
    for (const [stream, rec] of this.open) {
      if (rec.lastTimestamp < before) {
        out.push(close(rec));
        this.open.delete(stream);
      }
    }
    return out;
  }
}

function joins(open: Open, text: string): boolean {
  if (text.trim() === '' || /^\s/.test(text)) return true;
  if (TRACEBACK_START.test(text) || CHAIN.test(text)) return true;
  return open.inTraceback;
}

function close(o: Open): PredictRecord {
  const { text, cutBytes } = o.text.finish();
  return { stream: o.stream, level: o.level, message: text, timestamp: o.timestamp, lastTimestamp: o.lastTimestamp, cutBytes: cutBytes + o.lineCutBytes };
}

/** Docker's `timestamps: true` prefix: "2026-01-01T10:00:00.123456789Z rest". */
export function splitDockerTimestamp(line: string): { timestamp: number; text: string } | null {
  const space = line.indexOf(' ');
  const stamp = space > 0 ? line.slice(0, space) : line;
  const ms = Date.parse(stamp);
  if (Number.isNaN(ms)) return null;
  return { timestamp: ms, text: space > 0 ? line.slice(space + 1) : '' };
}
