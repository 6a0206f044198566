import { spawn, type ChildProcess, type SpawnOptions, type StdioOptions } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '@/server/config';

/** A failure whose message is meant for the person at the terminal, with the exit code to leave with. */
export class Failure extends Error {
  override name = 'Failure';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const startedAt = performance.now();

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Elapsed time since the script started, so a slow phase is visible without a profiler. */
export function header(title: string): void {
  console.log(`\n== ${title}  [${formatMs(performance.now() - startedAt)} elapsed]`);
}

// Not NodeJS.ProcessEnv: Next's types make its NODE_ENV required, which no literal of extras has.
export type EnvVars = Record<string, string | undefined>;

/** The child's environment: Next's telemetry would try the network, which is closed on the CI machines. */
export function childEnv(extra: EnvVars = {}): NodeJS.ProcessEnv {
  return { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...extra };
}

// While a quiet phase runs (phase-output.ts), children's output goes here instead of the terminal.
let outputCapture: ((text: string) => void) | null = null;

export function setOutputCapture(sink: ((text: string) => void) | null): void {
  outputCapture = sink;
}

type Spawned = { kill(signal: NodeJS.Signals): boolean; pid?: number | undefined };

/**
 * Runs a command with inherited stdio and resolves with its exit code (128 + signal number when a
 * signal ended it, as a shell reports it). SIGINT and SIGTERM sent to us are passed on, and we wait
 * for the child instead of dying first, so it can shut down cleanly.
 */
export function run(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { onSpawn?: (child: Spawned) => void } = {},
): Promise<number> {
  const { onSpawn, ...spawnOptions } = options;
  return new Promise((resolve) => {
    const sink = outputCapture;
    const stdio: StdioOptions = sink && spawnOptions.stdio === undefined ? ['inherit', 'pipe', 'pipe'] : 'inherit';
    const child: ChildProcess = spawn(command, args, { cwd: PROJECT_ROOT, env: childEnv(), stdio, ...spawnOptions });
    if (sink) {
      child.stdout?.on('data', (chunk: Buffer) => sink(chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => sink(chunk.toString()));
    }
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
    for (const s of signals) process.on(s, forward);
    const done = (code: number) => {
      for (const s of signals) process.off(s, forward);
      resolve(code);
    };
    child.on('error', (err) => {
      console.error(`Could not run ${command}: ${err.message}`);
      done(127);
    });
    child.on('exit', (code, signal) => done(code ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0)));
    onSpawn?.(child);
  });
}

/** A JavaScript entry point inside node_modules, run with this Node so PATH and npx do not matter. */
export function nodeModule(relPath: string): string {
  return path.join(PROJECT_ROOT, 'node_modules', relPath);
}

export const NEXT_BIN = nodeModule('next/dist/bin/next');

export function runNode(script: string, args: readonly string[], options: SpawnOptions = {}): Promise<number> {
  return run(process.execPath, [script, ...args], options);
}

/** Like run, but a non-zero exit becomes a Failure that names what failed. */
export async function runOrFail(
  what: string,
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): Promise<void> {
  const code = await run(command, args, options);
  if (code !== 0) throw new Failure(`${what} failed (exit code ${code}); see the output above.`, code);
}

export interface Phase {
  name: string;
  run: () => Promise<void> | void;
}

export interface PhaseResult {
  name: string;
  ms: number;
  status: 'passed' | 'failed' | 'not run';
}

/**
 * Runs the phases in order, each under a header, and stops at the first that throws. Returns every
 * phase's outcome (later ones as 'not run') and the failure, for the caller to summarise.
 */
export async function runPhases(phases: readonly Phase[]): Promise<{ results: PhaseResult[]; failure?: Failure }> {
  const results: PhaseResult[] = phases.map((p) => ({ name: p.name, ms: 0, status: 'not run' }));
  for (const [i, phase] of phases.entries()) {
    const result = results[i];
    if (!result) continue;
    header(`[${i + 1}/${phases.length}] ${phase.name}`);
    const t0 = performance.now();
    try {
      await phase.run();
      result.status = 'passed';
    } catch (err) {
      result.status = 'failed';
      result.ms = performance.now() - t0;
      return { results, failure: err instanceof Failure ? err : new Failure(errorText(err)) };
    }
    result.ms = performance.now() - t0;
  }
  return { results };
}

function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** The usual end of a script: a Failure's message without a stack, anything else with one. */
export function exitOnError(err: unknown): never {
  console.error(err instanceof Failure ? `\n${err.message}` : `\n${errorText(err)}`);
  process.exit(err instanceof Failure ? err.exitCode : 1);
}
