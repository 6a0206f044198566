import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatPhaseLine, lastLines, openSetupLog, runQuietPhases, type SetupLog } from './phase-output';
import { Failure, runOrFail } from './run';

let dir: string;
let log: SetupLog;
let shown: string;
const terminal = { write: (t: string) => void (shown += t), isTTY: false };
// A clock that moves 1.5 s per phase, so the lines' times are known.
const steppingClock = () => {
  let t = 0;
  return () => (t += 750);
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-phases-'));
  log = openSetupLog(path.join(dir, 'logs', 'setup.log'), false);
  shown = '';
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('phase output', () => {
  it('formats one line per phase with its counter and time', () => {
    expect(formatPhaseLine(3, 7, 'Docker engine', 'done', 2100)).toBe('[3/7] Docker engine .............. 2.1 s');
    // The times line up: every label is padded with dots to the same column.
    expect(formatPhaseLine(1, 7, 'Database', 'done', 5).indexOf(' 5 ms')).toBe(formatPhaseLine(3, 7, 'Docker engine', 'done', 2100).indexOf(' 2.1 s'));
    expect(formatPhaseLine(2, 7, 'Production build', 'failed', 41_000)).toMatch(/^\[2\/7\] Production build \.+ failed after 41\.0 s$/);
    expect(formatPhaseLine(1, 7, 'Database', 'running', 300)).toMatch(/300 ms \.\.\.$/);
  });

  it('shows only the phase lines, and keeps the phases\' output and children\'s in the log', async () => {
    const { results, failure } = await runQuietPhases(
      [
        { name: 'Chatty', run: () => console.log('apt line 1\napt line 2') },
        { name: 'Child', run: () => runOrFail('echo', 'sh', ['-c', 'echo from a child; echo to stderr >&2']) },
      ],
      log,
      terminal,
      steppingClock(),
    );
    log.close();
    expect(failure).toBeUndefined();
    expect(results.map((r) => r.status)).toEqual(['passed', 'passed']);
    expect(shown.trimEnd().split('\n')).toEqual([formatPhaseLine(1, 2, 'Chatty', 'done', 750), formatPhaseLine(2, 2, 'Child', 'done', 750)]);
    const written = fs.readFileSync(log.file, 'utf8');
    for (const text of ['== [1/2] Chatty', 'apt line 2', '== [2/2] Child', 'from a child', 'to stderr']) expect(written).toContain(text);
  });

  it('on a failure shows the last lines of that phase, the message and the log path, and runs nothing after', async () => {
    let ranAfter = false;
    const { results, failure } = await runQuietPhases(
      [
        { name: 'Fine', run: () => console.log('quiet') },
        {
          name: 'Broken',
          run: () => {
            for (let i = 1; i <= 40; i += 1) console.log(`step ${i}`);
            throw new Failure('debootstrap exited with code 1');
          },
        },
        { name: 'Later', run: () => void (ranAfter = true) },
      ],
      log,
      terminal,
    );
    log.close();
    expect(results.map((r) => r.status)).toEqual(['passed', 'failed', 'not run']);
    expect(ranAfter).toBe(false);
    expect(failure?.message).toBe('debootstrap exited with code 1');
    expect(shown).toMatch(/\[2\/3\] Broken \.+ failed after/);
    expect(shown).toContain('  step 40');
    expect(shown).toContain('  step 16');
    expect(shown).not.toContain('step 15\n');
    expect(shown).not.toContain('quiet');
    expect(shown).toContain(`The whole output is in ${log.file}`);
    expect(fs.readFileSync(log.file, 'utf8')).toContain('step 1\n');
  });

  it('restores the console after a phase', async () => {
    const before = console.log;
    await runQuietPhases([{ name: 'x', run: () => undefined }], log, terminal);
    log.close();
    expect(console.log).toBe(before);
  });

  it('takes the last lines of output, carriage returns as line ends', () => {
    expect(lastLines('a\nb\r\nc\rd\n\n', 2)).toEqual(['c', 'd']);
    expect(lastLines('', 5)).toEqual([]);
  });
});
