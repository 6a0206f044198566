// Keeps a gateway process answering for the console: a dead (or hung) gateway is restarted at
// once, then with a growing pause while it keeps dying, and every change is reported so the
// console can say that no data plane answers. Pure control flow over injected probe/start/kill,
// so the policy is tested without processes and the console wires the real ones.

export type ProbeResult = { ok: true; pid: number } | { ok: false; reason: 'refused' | 'timeout' | 'other'; detail: string };

export type SupervisorStatus = 'up' | 'down' | 'restarting';

export interface SupervisorState {
  status: SupervisorStatus;
  url: string;
  pid: number | null;
  /** When the status last changed, epoch ms. */
  since: number;
  /** Restarts done by this console since it started. */
  restarts: number;
  /** Deaths in a row without a stable run in between: what the back-off grows with. */
  consecutiveFailures: number;
  lastDown: { at: number; cause: string } | null;
  lastRestart: { at: number; pid: number; tookMs: number } | null;
  lastError: string | null;
  /** When the next start is tried while the gateway is down, epoch ms. */
  nextAttemptAt: number | null;
}

export interface SupervisorDeps {
  url: string;
  probe(): Promise<ProbeResult>;
  /** Starts a gateway and resolves once it answers (ensureGatewayRunning). */
  start(): Promise<{ pid: number }>;
  /** Stops a hung gateway that still holds the port. */
  kill(pid: number): void;
  onDown(cause: string): void;
  onUp(info: { pid: number; downMs: number }): void;
  log(line: string): void;
  now?: () => number;
  pollMs?: number;
  /** Pause before the n-th restart in a row (the last entry repeats). */
  backoffMs?: readonly number[];
  /** Up this long and the back-off starts over. */
  stableMs?: number;
  /** Timeouts in a row before a gateway that holds its port counts as hung. */
  hungAfter?: number;
}

export const DEFAULT_BACKOFF_MS = [0, 1000, 2000, 5000, 10_000, 30_000] as const;

export function createGatewaySupervisor(deps: SupervisorDeps) {
  const now = deps.now ?? Date.now;
  const pollMs = deps.pollMs ?? 250;
  const backoff = deps.backoffMs ?? DEFAULT_BACKOFF_MS;
  const stableMs = deps.stableMs ?? 60_000;
  const hungAfter = deps.hungAfter ?? 3;
  const state: SupervisorState = {
    status: 'up',
    url: deps.url,
    pid: null,
    since: now(),
    restarts: 0,
    consecutiveFailures: 0,
    lastDown: null,
    lastRestart: null,
    lastError: null,
    nextAttemptAt: null,
  };
  let upSince: number | null = null;
  let timeouts = 0;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  let ticking: Promise<void> | null = null;

  const set = (status: SupervisorStatus) => {
    if (state.status !== status) state.since = now();
    state.status = status;
  };
  const pauseFor = (failures: number) => backoff[Math.min(failures, backoff.length - 1)] ?? 0;

  function markDown(cause: string) {
    if (state.status !== 'up') return;
    set('down');
    upSince = null;
    state.lastDown = { at: now(), cause };
    state.nextAttemptAt = now() + pauseFor(state.consecutiveFailures);
    deps.log(`The gateway at ${state.url} stopped answering (${cause}); predictions fail until it is back. Restarting it.`);
    deps.onDown(cause);
  }

  function markUp(pid: number) {
    const wasDown = state.status !== 'up';
    set('up');
    state.pid = pid;
    state.nextAttemptAt = null;
    upSince ??= now();
    timeouts = 0;
    if (wasDown) deps.onUp({ pid, downMs: now() - (state.lastDown?.at ?? now()) });
  }

  async function restart() {
    const t0 = now();
    set('restarting');
    const hung = state.pid;
    if (hung !== null && timeouts >= hungAfter) {
      deps.log(`The gateway (pid ${hung}) holds its port but does not answer; stopping it.`);
      deps.kill(hung);
    }
    try {
      const started = await deps.start();
      state.restarts += 1;
      state.consecutiveFailures += 1;
      state.lastError = null;
      state.lastRestart = { at: now(), pid: started.pid, tookMs: now() - t0 };
      deps.log(`Gateway restarted (pid ${started.pid}) in ${now() - t0} ms, ${now() - (state.lastDown?.at ?? t0)} ms after it stopped answering.`);
      markUp(started.pid);
    } catch (e) {
      state.consecutiveFailures += 1;
      state.lastError = e instanceof Error ? e.message : String(e);
      set('down');
      const pause = pauseFor(state.consecutiveFailures);
      state.nextAttemptAt = now() + pause;
      deps.log(`The gateway did not start (${state.lastError.split('\n')[0]}); next try in ${Math.round(pause / 1000)} s.`);
    }
  }

  async function tick(): Promise<void> {
    const probed = await deps.probe();
    if (probed.ok) {
      timeouts = 0;
      markUp(probed.pid);
      // A gateway that stayed up long enough has earned a fresh back-off.
      if (upSince !== null && now() - upSince >= stableMs) state.consecutiveFailures = 0;
      return;
    }
    if (state.status === 'up') {
      // A refused connection is a dead gateway; a slow answer may be a busy one, so only several in a row count.
      if (probed.reason === 'timeout' && ++timeouts < hungAfter) return;
      markDown(probed.detail);
    }
    if (state.nextAttemptAt !== null && now() >= state.nextAttemptAt) await restart();
  }

  const loop = () => {
    if (stopped) return;
    ticking = tick()
      .catch((e: unknown) => deps.log(`Gateway supervision failed a check: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        ticking = null;
        if (!stopped) {
          timer = setTimeout(loop, pollMs);
          timer.unref();
        }
      });
  };

  return {
    state: (): Readonly<SupervisorState> => ({ ...state }),
    /** One check (and restart when due); concurrent callers share it. For tests and the loop. */
    checkOnce(): Promise<void> {
      ticking ??= tick().finally(() => (ticking = null));
      return ticking;
    },
    start() {
      if (!stopped) return;
      stopped = false;
      loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await ticking;
    },
  };
}

export type GatewaySupervisor = ReturnType<typeof createGatewaySupervisor>;
