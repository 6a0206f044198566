import { randomUUID } from 'node:crypto';
import fs from 'node:fs';

// Processes the integration tests start and that outlive their test by design (a console's
// supervised gateway keeps serving after the console stops; a crash test SIGKILLs the console)
// are ended when the run ends, so a failed test leaves no gateway holding its port for the next
// run. They are known by a run id in their environment, which every child inherits from here:
// another run on the same machine (a CI beside a developer's run) has its own and is left alone.
// Only Berth's own gateway and console processes are ended: a Docker engine a test restarted
// inherits the id too, and must keep running for what follows.

const RUN_VARIABLE = 'BERTH_IT_RUN';
/** The gateway (its bundle, or scripts/gateway.ts through tsx) and the console server. */
const OURS = /(?:^|\/)(?:gateway-[0-9a-f]+\.cjs|gateway\.ts|console-server\.mjs)(?:\0|$)/;

export default function setup(): () => Promise<void> {
  const run = randomUUID();
  process.env[RUN_VARIABLE] = run;
  return async () => {
    const left = processesOfRun(run);
    for (const pid of left) signal(pid, 'SIGTERM');
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline && processesOfRun(run).length) await new Promise((r) => setTimeout(r, 100));
    for (const pid of processesOfRun(run)) signal(pid, 'SIGKILL');
    if (left.length) console.info(`integration tests: ended ${left.length} process(es) the tests had left running (gateways of stopped consoles)`);
  };
}

/** Live processes, other than this one, whose environment carries the run id. */
function processesOfRun(run: string): number[] {
  const marker = `\0${RUN_VARIABLE}=${run}\0`;
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let environ: string;
    try {
      environ = `\0${fs.readFileSync(`/proc/${pid}/environ`, 'latin1')}`;
    } catch {
      continue; // gone already, or not ours to read
    }
    if (environ.includes(marker) && isOurs(pid) && !isZombie(pid)) found.push(pid);
  }
  return found;
}

function isOurs(pid: number): boolean {
  try {
    return OURS.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1'));
  } catch {
    return false;
  }
}

function isZombie(pid: number): boolean {
  try {
    return / Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'latin1').replace(/^.*\)/, ''));
  } catch {
    return true;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone in between.
  }
}
