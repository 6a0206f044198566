import fs from 'node:fs';

// Linux clock ticks per second for /proc/<pid>/stat times (USER_HZ, 100 on every common build).
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) used so far by these processes, in ms; a process gone counts as 0. */
export function processCpuMs(pids: readonly number[]): number {
  return (pids.reduce((n, pid) => n + statTicks(`/proc/${pid}/stat`), 0) * 1000) / TICKS_PER_SECOND;
}

/**
 * CPU time of a process's main thread alone, in ms: for Node, the event loop, without the work
 * it handed to libuv's thread pool (crypto with a callback) or V8's helper threads.
 */
export function mainThreadCpuMs(pid: number): number {
  return (statTicks(`/proc/${pid}/task/${pid}/stat`) * 1000) / TICKS_PER_SECOND;
}

function statTicks(file: string): number {
  try {
    const stat = fs.readFileSync(file, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    // Not running (or not Linux): no figure to add.
    return 0;
  }
}

/** The direct children of a process (nginx's workers under its master). */
export function childPids(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}
