import http from 'node:http';
import { errorCode, errorMessage } from './errors';
import type { Instance } from './instance';

/** Consecutive failed checks that take an instance out of rotation (a refused connection does at once). */
export const FAILURES_TO_EJECT = 2;

export interface HealthCheckerOptions {
  intervalMs: number;
  now: () => number;
  /** Every instance to check on a tick. */
  instances: () => Iterable<Instance>;
  /** Called when a check passes, so a route can finish handing over to new instances. */
  onHealthy?: (inst: Instance) => void;
}

/**
 * Active health checks: GET <healthPath> on each instance's health port every interval. Healthy on
 * 2xx; out after FAILURES_TO_EJECT failures in a row, or at once when the connection is refused (the
 * container is gone); back after one success.
 */
export class HealthChecker {
  private timer: NodeJS.Timeout | null = null;
  /**
   * The running check of each instance (a tick or a reset joins it rather than stacking checks),
   * resolved with whether it passed.
   */
  private readonly pending = new Map<Instance, { req: http.ClientRequest; done: Promise<boolean>; resolve: (passed: boolean) => void }>();
  private readonly timeoutMs: number;

  constructor(private readonly options: HealthCheckerOptions) {
    // Short, but never so short that a busy machine fails checks a model server passes.
    this.timeoutMs = Math.min(2000, Math.max(500, options.intervalMs));
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      for (const inst of this.options.instances()) void this.check(inst);
    }, this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const running = [...this.pending.values()];
    this.pending.clear();
    for (const p of running) {
      p.req.destroy();
      p.resolve(false);
    }
  }

  /**
   * Checks now (a new instance, or a suspicious reset), joining a check already running; resolves
   * with whether the check passed (a retired instance is not checked: its last verdict).
   */
  check(inst: Instance): Promise<boolean> {
    const running = this.pending.get(inst);
    if (running) return running.done;
    if (inst.retired) return Promise.resolve(inst.healthy && !inst.killed);
    let resolve: (passed: boolean) => void = () => undefined;
    const done = new Promise<boolean>((r) => (resolve = r));
    const req = http.get(
      { host: '127.0.0.1', port: inst.healthPort, path: inst.healthPath, agent: false, timeout: this.timeoutMs },
      (res) => {
        const status = res.statusCode ?? 0;
        // The body is of no interest, but it must be read for the socket to close.
        res.resume();
        res.once('end', () => this.finish(req, inst, status >= 200 && status < 300 ? null : `health check returned HTTP ${status}`));
        res.once('error', (err) => this.finish(req, inst, `health check failed: ${errorMessage(err)}`));
      },
    );
    this.pending.set(inst, { req, done, resolve });
    req.once('timeout', () => req.destroy(new Error(`health check timed out after ${this.timeoutMs} ms`)));
    req.once('error', (err) => {
      if (errorCode(err) === 'ECONNREFUSED') this.markDown(inst, `health check failed: ${errorMessage(err)}`);
      this.finish(req, inst, `health check failed: ${errorMessage(err)}`);
    });
    return done;
  }

  /** Out of rotation at once: the proxy saw the connection refused. */
  markDown(inst: Instance, reason: string): void {
    inst.healthy = false;
    inst.consecutiveFailures = Math.max(inst.consecutiveFailures, FAILURES_TO_EJECT);
    inst.lastError = reason;
  }

  private finish(req: http.ClientRequest, inst: Instance, failure: string | null): void {
    // Stopped: stop() has answered its callers already.
    const waiting = this.pending.get(inst);
    if (waiting?.req !== req) return;
    this.pending.delete(inst);
    // Whether this check passed, which is what a caller waiting on it asks (one failure alone
    // does not yet take the instance out of rotation).
    waiting.resolve(failure === null && !inst.killed);
    inst.lastCheckedAt = this.options.now();
    // Killed by fault injection, its container is going: a check sent before the kill may still
    // pass, and must not bring it back into rotation.
    if (inst.killed) return;
    if (failure === null) {
      inst.healthy = true;
      inst.consecutiveFailures = 0;
      inst.lastError = undefined;
      this.options.onHealthy?.(inst);
      return;
    }
    inst.consecutiveFailures += 1;
    inst.lastError = failure;
    if (inst.consecutiveFailures >= FAILURES_TO_EJECT) inst.healthy = false;
  }
}
