import fs from 'node:fs';
import { PROJECT_ROOT } from '@/server/config';
import { gatewayCodeVersion } from '@/server/gateway/code-version';
import { gatewayFiles } from '@/server/gateway/config';
import { ensureGatewayRunning, probeGateway } from '@/server/gateway/ensure-running';
import { createGatewaySupervisor, type GatewaySupervisor, type SupervisorDeps, type SupervisorState } from '@/server/gateway/supervisor';
import type { AppContext } from './context';

// The console keeps its data plane alive: the gateway runs as its own process (so predictions
// outlive a console restart), and the console restarts it when it dies, marks the deployments
// while none answers, and writes each event to its own output and the gateway's log.

export interface SupervisionOptions {
  /** Extra environment for gateways this starts (tests: a short health interval). */
  env?: Record<string, string>;
  log?: (line: string) => void;
  pollMs?: number;
  backoffMs?: SupervisorDeps['backoffMs'];
}

export function createGatewaySupervision(ctx: AppContext, options: SupervisionOptions = {}): GatewaySupervisor {
  const { config } = ctx;
  const { logFile } = gatewayFiles(config.dataDir);
  const marks = ctx.platform.dataPlaneMarks();
  const codeVersion = gatewayCodeVersion(PROJECT_ROOT);
  const log =
    options.log ??
    ((line: string) => {
      console.info(`Berth: ${line}`);
      // The gateway's own log says why a new process appears in it.
      fs.promises.appendFile(logFile, `${new Date().toISOString()} [console] ${line}\n`).catch(() => undefined);
    });
  return createGatewaySupervisor({
    url: config.gatewayUrl,
    probe: async () => {
      const p = await probeGateway(config.gatewayUrl);
      return p.ok ? { ok: true, pid: p.health.pid } : p;
    },
    start: () => ensureGatewayRunning({ dataDir: config.dataDir, port: config.gatewayPort, codeVersion, ...(options.env ? { env: options.env } : {}) }),
    kill: (pid) => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already: the port is free either way.
      }
    },
    onDown: (cause) => {
      const marked = marks.down(cause);
      if (marked.length > 0) log(`${marked.length} deployment${marked.length === 1 ? '' : 's'} marked NEEDS_ATTENTION while no gateway answers.`);
    },
    onUp: () => {
      const restored = marks.up();
      if (restored.length > 0) log(`${restored.length} deployment${restored.length === 1 ? '' : 's'} back to ACTIVE: the gateway answers again.`);
      // The instances' health as the new gateway sees it, without waiting for the next pass.
      void ctx.reconciler.reconcileOnce().catch(() => undefined);
    },
    log,
    ...(options.pollMs ? { pollMs: options.pollMs } : {}),
    ...(options.backoffMs ? { backoffMs: options.backoffMs } : {}),
  });
}

// One per server process, as the app context (Next loads modules several times over).
const KEY = Symbol.for('berth.gatewaySupervisor');
type GlobalWithSupervisor = typeof globalThis & { [KEY]?: GatewaySupervisor };

export function startGatewaySupervision(ctx: AppContext): void {
  const g = globalThis as GlobalWithSupervisor;
  if (g[KEY]) return;
  g[KEY] = createGatewaySupervision(ctx);
  g[KEY].start();
}

/** What the operations page shows; null when this console does not supervise a gateway. */
export function gatewaySupervisionState(): SupervisorState | null {
  return (globalThis as GlobalWithSupervisor)[KEY]?.state() ?? null;
}

export interface GatewayHealthView {
  url: string;
  /** The pid answering /_berth/health now, or null when none answers. */
  answeringPid: number | null;
  supervision: SupervisorState | null;
}

/** The operations page's gateway panel: a fresh probe beside what the supervisor recorded. */
export async function getGatewayHealth(ctx: AppContext): Promise<GatewayHealthView> {
  const probe = await probeGateway(ctx.config.gatewayUrl);
  return { url: ctx.config.gatewayUrl, answeringPid: probe.ok ? probe.health.pid : null, supervision: gatewaySupervisionState() };
}
