import { z } from 'zod';

// The gateway's admin answers (/_berth/status and /_berth/health) as one contract: the gateway's
// types are these schemas' output, and the console parses what it reads with the same schemas, so
// a field the gateway renames or drops fails to compile on its side instead of reading as absent
// on the console's. Pure (zod only): the console imports it without the gateway's runtime.

const instanceStatusSchema = z.object({
  id: z.string(),
  generation: z.number(),
  healthy: z.boolean(),
  inflight: z.number(),
  /** Out of the route (a generation switch or a stop) but still finishing requests in flight. */
  draining: z.boolean(),
  /** Kept in rotation until an instance of the new configuration passes its first check. */
  handover: z.boolean().optional(),
  lastError: z.string().optional(),
  /** RFC 3339; null before the first health check finished (a new or restarted gateway). */
  lastCheckedAt: z.string().nullable(),
});

const routeStatusSchema = z.object({
  modelDeploymentId: z.string(),
  serving: z.boolean(),
  generation: z.number(),
  bandwidthMbps: z.number(),
  instances: z.array(instanceStatusSchema),
  /** Ids of the faults being applied now (not ended, not expired); none from a gateway older than fault injection. */
  faults: z.array(z.string()).default([]),
});

export const gatewayStatusSchema = z.object({
  /** max(gateway_routes.version) of the routes loaded; 0 before any route exists. */
  version: z.number(),
  pid: z.number(),
  routes: z.array(routeStatusSchema),
});

export const gatewayHealthSchema = z.object({
  status: z.literal('ok'),
  pid: z.number(),
  version: z.number().optional(),
  dbFile: z.string().optional(),
  /** Which code the gateway runs (code-version.ts); absent from gateways older than the check. */
  code: z.string().nullable().optional(),
});

export type InstanceStatus = z.output<typeof instanceStatusSchema>;
export type RouteStatus = z.output<typeof routeStatusSchema>;
export type GatewayStatus = z.output<typeof gatewayStatusSchema>;
export type GatewayHealth = z.output<typeof gatewayHealthSchema>;
