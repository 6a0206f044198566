import { gatewayStatusSchema, type GatewayStatus } from '@/server/gateway/status-contract';

// The console's side of the gateway's admin surface (/_berth/...): poke it after a route change
// and read what it actually serves, so a rollout waits on the gateway's word, not on a timer.

export type { GatewayStatus };

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
    const parsed = gatewayStatusSchema.safeParse(await res.json());
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
