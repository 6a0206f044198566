import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { E2E_PREFIX } from '../scripts/lib/e2e-data-dir';

/** A console of a spec's own (its own data directory and port), served as serve-e2e serves one. */
export interface OwnConsole {
  url: string;
  dataDir: string;
  /** The process serving it (what stop() signals). */
  pid: number | undefined;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the first match of pattern in its output; rejects if it exits first. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

/** The port after the run's own (BERTH_E2E_PORT, as playwright.config.ts reads it): the e2e range. */
export const ownConsolePort = (offset = 1): number => Number(process.env.BERTH_E2E_PORT ?? 3100) + offset;

export function startOwnConsole(port: number, env: Record<string, string | undefined>): OwnConsole {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), E2E_PREFIX));
  let text = '';
  let exited = false;
  const listeners = new Set<() => void>();
  const child: ChildProcess = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/serve-e2e.ts'], {
    env: { ...process.env, ...env, BERTH_DATA_DIR: dataDir, PORT: String(port), BERTH_GATEWAY_PORT: String(port + 80), NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own, so that stop() also ends the console server tsx started under it.
    detached: true,
  });
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    for (const l of listeners) l();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const ended = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      for (const l of listeners) l();
      resolve();
    }),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    pid: child.pid,
    output: () => text,
    waitForOutput(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`No ${pattern} in the console's output within ${timeoutMs} ms:\n${text.slice(-4000)}`)), timeoutMs);
        const check = () => {
          const m = text.match(pattern);
          if (m) finish(null, m);
          else if (exited) finish(new Error(`The console exited before printing ${pattern}:\n${text.slice(-4000)}`));
        };
        const finish = (e: Error | null, m?: RegExpMatchArray) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (m) resolve(m);
          else reject(e ?? new Error('no match'));
        };
        listeners.add(check);
        check();
      });
    },
    async stop() {
      // serve-e2e passes SIGTERM on to the console and closes its gateway before it exits.
      if (!exited) signalGroup(child, 'SIGTERM');
      await ended;
      // The console server is tsx's grandchild: should it outlive the script, it would keep its port.
      signalGroup(child, 'SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}
