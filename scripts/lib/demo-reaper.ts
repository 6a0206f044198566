import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createDockerClient } from '@/server/providers/local/docker/client';
import { removeDemoContainers } from '../../e2e/demo/cleanup';
import { checkThrowawayDataDir } from './e2e-data-dir';
import { nodeModule } from './run';

// The demo's last line of defence: a detached process that holds a pipe from the demo, and when
// the pipe closes, however the demo ended (its own cleanup done, Ctrl-C, a SIGKILL from tsx's
// signal relay), stops the demo's console and removes its containers and data directory. After a
// normal end it finds nothing left to do.

export interface ReaperOrders {
  consolePid: number;
  dataDir: string;
  installationId?: string;
  runId: string;
}

/** Starts the reaper; the returned function tells it the demo cleaned up by itself. */
export function startReaper(orders: ReaperOrders): () => void {
  const child = spawn(process.execPath, [nodeModule('tsx/dist/cli.mjs'), __filename, '--reap', JSON.stringify(orders)], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  child.unref();
  return () => child.stdin?.end();
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function reap(orders: ReaperOrders): Promise<void> {
  if (alive(orders.consolePid)) {
    process.kill(orders.consolePid, 'SIGTERM');
    // serve-e2e closes its gateway and its console; a console that lingers is killed.
    for (let i = 0; i < 100 && alive(orders.consolePid); i += 1) await new Promise((r) => setTimeout(r, 100));
    if (alive(orders.consolePid)) process.kill(orders.consolePid, 'SIGKILL');
  }
  await removeDemoContainers(createDockerClient(), orders).catch(() => 0);
  const checked = checkThrowawayDataDir(orders.dataDir);
  if ('dir' in checked) fs.rmSync(checked.dir, { recursive: true, force: true });
}

if (process.argv[2] === '--reap' && process.argv[3]) {
  const orders = JSON.parse(process.argv[3]) as ReaperOrders;
  process.stdin.resume();
  process.stdin.on('end', () => void reap(orders).finally(() => process.exit(0)));
  process.stdin.on('error', () => void reap(orders).finally(() => process.exit(0)));
  // Ctrl-C reaches the demo's whole process group; this one is in its own, but ignores it anyway.
  process.on('SIGINT', () => {});
}
