import { costInputOf, estimateCost, sumCosts, type CostEstimate, type CostOutcome } from '@/server/domain/cost/estimate';
import type { CostGroup } from '@/db/queries/cost-groups';
import type { InstanceConfiguration, ModelConfigurationDetails, ScalingPolicy } from '@/server/domain/oci-types';
import { priceTableFor } from './prices';

// Cost estimates for the console's views: one deployment's configuration, and the total of the
// deployments that run (the operations page).

export function estimateConfiguration(config: { priceTablePath: string | null }, mc: ModelConfigurationDetails | undefined): CostOutcome {
  const table = priceTableFor(config);
  if (!table.ok) return { ok: false, reason: table.error };
  if (!mc) return { ok: false, reason: 'The deployment has no model configuration.' };
  const input = costInputOf(mc);
  return input.ok ? estimateCost(input.input, table.table) : input;
}

/** States in which a deployment is billed on OCI (an inactive one keeps no instances). */
export const BILLED_STATES = ['ACTIVE', 'UPDATING', 'CREATING', 'NEEDS_ATTENTION'] as const;

export interface CostTotal {
  /** Billed deployments counted. */
  count: number;
  /** Deployments with no estimate, and why (one reason per configuration). */
  unpriced: { deployments: number; reason: string }[];
  total: ReturnType<typeof sumCosts>;
  currency: string;
  asOf: string | null;
}

/** The sum over the deployments' groups of equal configuration (db/queries/cost-groups.ts). */
export function totalCost(config: { priceTablePath: string | null }, groups: readonly CostGroup[]): CostTotal {
  const table = priceTableFor(config);
  const estimates: CostEstimate[] = [];
  const unpriced: CostTotal['unpriced'] = [];
  let total = 0;
  for (const g of groups) {
    total += g.deployments;
    const mc: ModelConfigurationDetails | undefined =
      g.instanceConfiguration === null
        ? undefined
        : {
            modelId: '',
            instanceConfiguration: JSON.parse(g.instanceConfiguration) as InstanceConfiguration,
            ...(g.scalingPolicy === null ? {} : { scalingPolicy: JSON.parse(g.scalingPolicy) as ScalingPolicy }),
            ...(g.bandwidthMbps === null ? {} : { bandwidthMbps: g.bandwidthMbps }),
            ...(g.maximumBandwidthMbps === null ? {} : { maximumBandwidthMbps: g.maximumBandwidthMbps }),
          };
    const r = estimateConfiguration(config, mc);
    if (r.ok) for (let i = 0; i < g.deployments; i++) estimates.push(r.estimate);
    else unpriced.push({ deployments: g.deployments, reason: r.reason });
  }
  return { count: total, unpriced, total: sumCosts(estimates), currency: table.ok ? table.table.currency : 'USD', asOf: table.ok ? table.table.asOf : null };
}
