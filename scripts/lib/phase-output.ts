import fs from 'node:fs';
import path from 'node:path';
import { Failure, formatMs, setOutputCapture, type Phase, type PhaseResult } from './run';

// `npm start` shows one line per phase, with a counter and its time; everything the phases print
// (apt, debootstrap, docker build, next build) goes to a log file instead, and is shown only when a
// phase fails: its last lines and where the whole log is.

const DOTS_TO = 34;
const TAIL_LINES = 25;

export type LineStatus = 'running' | 'done' | 'failed';

/** "[3/7] Docker engine ............ 2.1 s": the one line a phase gets. */
export function formatPhaseLine(index: number, total: number, name: string, status: LineStatus, ms: number): string {
  const label = `[${index}/${total}] ${name} `;
  const dots = '.'.repeat(Math.max(2, DOTS_TO - label.length));
  const time = formatMs(ms);
  const what = status === 'running' ? `${time} ...` : status === 'failed' ? `failed after ${time}` : time;
  return `${label}${dots} ${what}`;
}

/** The last `lines` lines of some output, without a trailing empty line. */
export function lastLines(text: string, lines: number): string[] {
  const all = text.replace(/\r/g, '\n').split('\n').map((l) => l.trimEnd());
  while (all.length > 0 && all[all.length - 1] === '') all.pop();
  return all.filter((l, i) => l !== '' || i > 0).slice(-lines);
}

export interface SetupLog {
  file: string;
  write(text: string): void;
  close(): void;
}

/** The setup log: appended to when the bootstrap already wrote the npm install into it. */
export function openSetupLog(file: string, append: boolean): SetupLog {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, append ? 'a' : 'w');
  return {
    file,
    write: (text) => void fs.writeSync(fd, text),
    close: () => fs.closeSync(fd),
  };
}

export interface Terminal {
  write(text: string): void;
  /** A terminal gets a live line that is rewritten; a pipe or file only the final one. */
  isTTY: boolean;
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** Runs fn with console output and child processes' output sent to sink instead of the terminal. */
async function captured(sink: (text: string) => void, fn: () => Promise<void> | void): Promise<void> {
  const saved = CONSOLE_METHODS.map((m) => [m, console[m]] as const);
  for (const m of CONSOLE_METHODS) {
    console[m] = (...args: unknown[]) => sink(`${args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? (a.stack ?? a.message) : JSON.stringify(a))).join(' ')}\n`);
  }
  setOutputCapture(sink);
  try {
    await fn();
  } finally {
    setOutputCapture(null);
    for (const [m, f] of saved) console[m] = f;
  }
}

/**
 * Runs the phases in order, each as one line; stops at the first that throws, after printing the
 * last lines it wrote and the log's path. Same results as runPhases, for the caller to summarise.
 */
export async function runQuietPhases(
  phases: readonly Phase[],
  log: SetupLog,
  terminal: Terminal,
  clock: () => number = () => performance.now(),
): Promise<{ results: PhaseResult[]; failure?: Failure }> {
  const results: PhaseResult[] = phases.map((p) => ({ name: p.name, ms: 0, status: 'not run' }));
  for (const [i, phase] of phases.entries()) {
    const result = results[i];
    if (!result) continue;
    const t0 = clock();
    let output = '';
    const sink = (text: string) => {
      output += text;
      // Only the tail is ever shown; the log keeps the rest.
      if (output.length > 256 * 1024) output = output.slice(-128 * 1024);
      log.write(text);
    };
    log.write(`\n== [${i + 1}/${phases.length}] ${phase.name} (${new Date().toISOString()})\n`);
    const line = (status: LineStatus, ms: number) => formatPhaseLine(i + 1, phases.length, phase.name, status, ms);
    const ticker = terminal.isTTY ? setInterval(() => terminal.write(`\r\x1b[K${line('running', clock() - t0)}`), 1000) : null;
    if (terminal.isTTY) terminal.write(line('running', 0));
    let error: unknown;
    try {
      await captured(sink, phase.run);
      result.status = 'passed';
    } catch (err) {
      result.status = 'failed';
      error = err;
    }
    if (ticker) clearInterval(ticker);
    result.ms = clock() - t0;
    const final = line(result.status === 'passed' ? 'done' : 'failed', result.ms);
    terminal.write(`${terminal.isTTY ? '\r\x1b[K' : ''}${final}\n`);
    if (result.status === 'failed') {
      const failure = error instanceof Failure ? error : new Failure(error instanceof Error ? (error.stack ?? error.message) : String(error));
      log.write(`\n${failure.message}\n`);
      const tail = lastLines(output, TAIL_LINES);
      const shown = tail.length > 0 ? `\nThe last lines of its output:\n${tail.map((l) => `  ${l}`).join('\n')}\n` : '';
      terminal.write(`${shown}\nThe whole output is in ${log.file}\n`);
      return { results, failure };
    }
  }
  return { results };
}
