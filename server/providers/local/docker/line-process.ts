import { spawn, type SpawnOptions } from 'node:child_process';
import os from 'node:os';
import readline from 'node:readline';

export interface LineProcessResult {
  /** Exit code, or 128 + signal number as a shell reports it; 127 when it could not start. */
  code: number;
  /** The last lines it printed, to explain a failure. */
  tail: string[];
}

const TAIL_LINES = 15;

/**
 * Runs a command and hands each line of its stdout and stderr to onLine as it comes, so a long
 * step (debootstrap) shows progress instead of a silent minute. Resolves when it exits.
 */
export function runLines(
  command: string,
  args: readonly string[],
  onLine: (line: string) => void,
  options: SpawnOptions = {},
): Promise<LineProcessResult> {
  return new Promise((resolve) => {
    const tail: string[] = [];
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const take = (line: string) => {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      onLine(line);
    };
    const streams = [child.stdout, child.stderr].flatMap((s) => (s ? [s] : []));
    // 'close' (not 'exit') comes after both pipes are drained, so no line is lost.
    for (const s of streams) readline.createInterface({ input: s, crlfDelay: Infinity }).on('line', take);
    child.once('error', (e) => resolve({ code: 127, tail: [...tail, `${command}: ${e.message}`] }));
    child.once('close', (code, signal) =>
      resolve({ code: code ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0), tail }),
    );
  });
}
