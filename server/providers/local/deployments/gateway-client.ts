import { z } from 'zod';

// The console's side of the gateway's admin surface (/_berth/...): poke it after a route change
// and read what it actually serves, so a rollout waits on the gateway's word, not on a timer.

const statusSchema = z.object({
  version: z.number(),
  routes: z.array(
    z.object({
      modelDeploymentId: z.string(),
      serving: z.boolean(),
      generation: z.number(),
      instances: z.array(
        z.object({
          id: z.string(),
          generation: z.number().optional(),
          healthy: z.boolean(),
          inflight: z.number(),
          draining: z.boolean().optional(),
          handover: z.boolean().optional(),
          lastError: z.string().optional().nullable(),
          // null until the gateway's first check of the instance has finished (a new or restarted gateway).
          lastCheckedAt: z.string().nullable().optional(),
        }),
      ),
      // Faults the gateway applies now; absent from a gateway older than fault injection.
      faults: z.array(z.string()).optional(),
    }),
  ),
});
export type GatewayStatus = z.infer<typeof statusSchema>;

export interface GatewayClient {
  reload(): Promise<boolean>;
  status(): Promise<GatewayStatus | null>;
  /** Polls the gateway's status until `check` holds or the deadline passes; true if it held. */
  waitFor(check: (s: GatewayStatus) => boolean, timeoutMs: number): Promise<boolean>;
}

export function createGatewayClient(baseUrl: string): GatewayClient {
  const call = async (path: string, init?: RequestInit) => {
    try {
      return await fetch(`${baseUrl}/_berth/${path}`, { ...init, signal: AbortSignal.timeout(2000) });
    } catch {
      return null;
    }
  };
  const status = async () => {
    const res = await call('status');
    if (!res?.ok) return null;
    const parsed = statusSchema.safeParse(await res.json());
    return parsed.success ? parsed.data : null;
  };
  return {
    async reload() {
      const res = await call('reload', { method: 'POST' });
      return Boolean(res?.ok);
    },
    status,
    async waitFor(check, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const s = await status();
        if (s && check(s)) return true;
        if (Date.now() >= deadline) return false;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}
