import { describe, expect, it } from 'vitest';
import { LOG_RECORD_MAX_BYTES } from '@/server/domain/log-cap';
import { lineSplitter } from '@/server/providers/local/telemetry/predict-logs';
import { LineGrouper, parseLevel, splitDockerTimestamp, type LogStream, type PredictRecord } from '@/server/providers/local/telemetry/predict-log-lines';

describe('parseLevel', () => {
  it.each([
    ['2026-01-01 10:00:00,123 INFO [7] berth.model_server: Model loaded', 'INFO'],
    ['2026-01-01 10:00:00,123 ERROR [7] berth.model_server: predict failed', 'ERROR'],
    ['2026-01-01 10:00:00,123 WARNING [7] x: slow', 'WARNING'],
    ['INFO:     127.0.0.1:5000 - "POST /predict HTTP/1.1" 200 OK', 'INFO'],
    ['[2026-01-01 10:00:00 +0000] [1] [CRITICAL] WORKER TIMEOUT', 'CRITICAL'],
    ['WARN something', 'WARNING'],
    ['fatal: not a level word in upper case', null],
    ['hello from score.py', null],
    ['loaded 3 rows; no ERROR in the first words but later', null],
  ])('%s → %s', (line, level) => {
    expect(parseLevel(line)).toBe(level);
  });
});

describe('LineGrouper', () => {
  const run = (lines: [LogStream, string][]): PredictRecord[] => {
    const g = new LineGrouper();
    const out = lines.flatMap(([stream, text], i) => g.push({ stream, timestamp: 1000 + i, text }));
    return [...out, ...g.drain()];
  };

  it('keeps a logged traceback with its error line, up to the exception line', () => {
    const records = run([
      ['stderr', '2026-01-01 10:00:00,123 ERROR [7] berth.model_server: predict failed: ValueError: boom'],
      ['stderr', 'Traceback (most recent call last):'],
      ['stderr', '  File "/opt/score.py", line 5, in predict'],
      ['stderr', '    raise ValueError("boom")'],
      ['stderr', 'ValueError: boom'],
      ['stderr', 'a separate line'],
      ['stdout', '2026-01-01 10:00:01,000 INFO [7] berth.model_server: ok'],
    ]);
    expect(records.map((r) => [r.level, r.message.split('\n').length])).toEqual([
      ['ERROR', 5],
      ['INFO', 1],
      ['INFO', 1],
    ]);
    expect(records[0]?.message).toContain('ValueError: boom');
    expect(records[0]?.lastTimestamp).toBe(1004);
  });

  it('makes a bare stderr traceback an ERROR, chained exceptions included; other bare lines INFO', () => {
    const records = run([
      ['stdout', 'print from score.py'],
      ['stdout', 'another print'],
      ['stderr', 'Traceback (most recent call last):'],
      ['stderr', '  File "x.py", line 1'],
      ['stderr', 'KeyError: 1'],
      ['stderr', ''],
      ['stderr', 'During handling of the above exception, another exception occurred:'],
      ['stderr', ''],
      ['stderr', 'Traceback (most recent call last):'],
      ['stderr', '  File "x.py", line 2'],
      ['stderr', 'RuntimeError: 2'],
    ]);
    expect(records.map((r) => [r.stream, r.level])).toEqual([
      ['stdout', 'INFO'],
      ['stdout', 'INFO'],
      ['stderr', 'ERROR'],
    ]);
    expect(records[2]?.message.split('\n')).toHaveLength(9);
    expect(records[2]?.message.endsWith('RuntimeError: 2')).toBe(true);
  });

  it('does not join lines far apart in time', () => {
    const g = new LineGrouper();
    g.push({ stream: 'stderr', timestamp: 0, text: 'ERROR first' });
    const closed = g.push({ stream: 'stderr', timestamp: 5000, text: '  indented much later' });
    expect(closed.map((r) => r.message)).toEqual(['ERROR first']);
    expect(g.drain(4000)).toEqual([]);
    expect(g.drain(6000).map((r) => r.message)).toEqual(['  indented much later']);
  });
});

describe('splitDockerTimestamp', () => {
  it('reads the RFC 3339 nanosecond prefix', () => {
    expect(splitDockerTimestamp('2026-01-01T10:00:00.123456789Z hello world')).toEqual({ timestamp: Date.UTC(2026, 0, 1, 10, 0, 0, 123), text: 'hello world' });
    expect(splitDockerTimestamp('no stamp')).toBeNull();
  });
});

describe('record cap', () => {
  it('caps a 9 MB echoed line at 16 KB, marked as cut', () => {
    const g = new LineGrouper();
    const body = `INFO got ${'{"x": [1, 2, 3]} '.repeat(560_000)}end`;
    const [record] = [...g.push({ stream: 'stdout', timestamp: 1000, text: body }), ...g.drain()];
    expect(record?.message.length).toBeLessThanOrEqual(LOG_RECORD_MAX_BYTES);
    expect(record?.message).toMatch(/^INFO got \{"x"/);
    expect(record?.message).toMatch(/\[9\.\d MB cut: log records are kept up to 16 KB\]/);
    expect(record?.message.endsWith('end')).toBe(true);
    expect(record?.cutBytes).toBeGreaterThan(9_000_000);
  });

  it('keeps a huge traceback bounded with its first and last lines', () => {
    const g = new LineGrouper();
    const lines = ['ERROR predict failed', 'Traceback (most recent call last):'];
    for (let i = 0; i < 20_000; i++) lines.push(`  File "/opt/score.py", line ${i}, in predict`);
    lines.push('RecursionError: maximum recursion depth exceeded');
    const out = lines.flatMap((text, i) => g.push({ stream: 'stderr', timestamp: 1000 + i / 1000, text }));
    const records = [...out, ...g.drain()];
    expect(records).toHaveLength(1);
    const message = records[0]?.message ?? '';
    expect(message.length).toBeLessThanOrEqual(LOG_RECORD_MAX_BYTES);
    expect(message.startsWith('ERROR predict failed\nTraceback')).toBe(true);
    expect(message.endsWith('RecursionError: maximum recursion depth exceeded')).toBe(true);
    expect(message).toMatch(/KB cut/);
  });

  it('marks a line the splitter already cut and keeps short records whole', () => {
    const g = new LineGrouper();
    const records = [...g.push({ stream: 'stdout', timestamp: 1, text: 'x'.repeat(100), droppedBytes: 5_000_000 }), ...g.drain()];
    expect(records[0]?.message).toMatch(/^x{100} … \[4\.8 MB cut/);
    expect(records[0]?.cutBytes).toBe(5_000_000);
    const whole = [...g.push({ stream: 'stdout', timestamp: 2, text: 'INFO ok  ' }), ...g.drain()];
    expect(whole[0]).toMatchObject({ message: 'INFO ok', cutBytes: 0 });
  });
});

describe('lineSplitter', () => {
  it('holds at most 64 K characters of a long line and counts the rest', async () => {
    const seen: [number, number][] = [];
    const splitter = lineSplitter((line, dropped) => seen.push([line.length, dropped]));
    const chunk = 'é'.repeat(100_000);
    for (let i = 0; i < 10; i++) splitter.write(chunk);
    splitter.write('\nnext line\nlast');
    splitter.end();
    await new Promise((resolve) => splitter.on('end', resolve).resume());
    expect(seen).toEqual([
      [64 * 1024, (1_000_000 - 64 * 1024) * 2],
      [9, 0],
      [4, 0],
    ]);
  });
});
