import fs from 'node:fs';

// Linux clock ticks per second for /proc/<pid>/stat times (USER_HZ, 100 on every common build).
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) used so far by these processes, in ms; a process gone counts as 0. */
export function processCpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Not running (or not Linux): no figure to add.
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
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
