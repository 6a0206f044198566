import type { ModelConfigurationDetails } from '../oci-types';
import { bandwidthMbpsOf } from '../load-balancer';
import { instanceCountsOf } from '../scaling-instances';
import { resolveShapeResources } from '../shapes';
import { shapeFamily, type PriceTable } from './price-table';

// What a model deployment costs an hour and a month at list prices: its instances' compute (by
// shape family: OCPUs and memory, or GPUs) and its load balancer (a base rate and the bandwidth).
// An autoscaled deployment costs between its minimum and its maximum instance count. Pure.

export interface CostInput {
  shapeName: string;
  ocpus: number;
  memoryInGBs: number;
  gpus: number;
  /** The fewest and the most instances that may run (equal for a fixed size). */
  instances: { min: number; max: number };
  /** Load balancer bandwidth; max above min when the load balancer scales (maximumBandwidthMbps). */
  bandwidthMbps: { min: number; max: number };
}

export interface CostRange {
  min: number;
  max: number;
}

export interface CostEstimate {
  currency: string;
  source: string;
  asOf: string;
  hoursPerMonth: number;
  family: string;
  /** One instance's compute, an hour. */
  instanceHour: number;
  /** The load balancer, an hour, at the lowest and highest bandwidth. */
  loadBalancerHour: CostRange;
  hourly: CostRange;
  monthly: CostRange;
  /** How the figures were made, line by line (for the panel and for a reader checking them). */
  lines: string[];
}

export type CostOutcome = { ok: true; estimate: CostEstimate } | { ok: false; reason: string };

const round = (v: number) => Math.round(v * 1e6) / 1e6;

export function estimateCost(input: CostInput, table: PriceTable): CostOutcome {
  const family = shapeFamily(input.shapeName);
  const price = table.families[family];
  if (!price) return { ok: false, reason: `The price table (${table.asOf}) has no price for the ${family} shape family.` };
  const { min, max } = input.instances;
  if (!(min >= 0 && max >= min)) return { ok: false, reason: 'The instance counts are not known yet.' };
  const lines: string[] = [];
  let instanceHour: number;
  if (input.gpus > 0 && price.gpuHour !== undefined) {
    instanceHour = input.gpus * price.gpuHour;
    lines.push(`${input.gpus} GPU × ${price.gpuHour} ${table.currency}/GPU-hour = ${round(instanceHour)} an instance-hour (its OCPUs and memory included)`);
  } else if (price.ocpuHour !== undefined && price.memoryGbHour !== undefined) {
    const cpu = input.ocpus * price.ocpuHour;
    const memory = input.memoryInGBs * price.memoryGbHour;
    instanceHour = cpu + memory;
    lines.push(
      `${input.ocpus} OCPU × ${price.ocpuHour} + ${input.memoryInGBs} GB × ${price.memoryGbHour} ${table.currency}/GB-hour = ${round(instanceHour)} an instance-hour`,
    );
  } else {
    return { ok: false, reason: `The price table's ${family} entry has neither a GPU-hour price nor OCPU and memory prices.` };
  }
  const lb = table.loadBalancer;
  const loadBalancerHour = { min: lb.baseHour + input.bandwidthMbps.min * lb.mbpsHour, max: lb.baseHour + input.bandwidthMbps.max * lb.mbpsHour };
  lines.push(
    `Load balancer: ${lb.baseHour} + ${input.bandwidthMbps.min}${input.bandwidthMbps.max > input.bandwidthMbps.min ? `-${input.bandwidthMbps.max}` : ''} Mbps × ${lb.mbpsHour} ${table.currency}/Mbps-hour`,
  );
  lines.push(min === max ? `${min} instance${min === 1 ? '' : 's'}` : `${min} to ${max} instances (autoscaling)`);
  const hourly = { min: round(min * instanceHour + loadBalancerHour.min), max: round(max * instanceHour + loadBalancerHour.max) };
  return {
    ok: true,
    estimate: {
      currency: table.currency,
      source: table.source,
      asOf: table.asOf,
      hoursPerMonth: table.hoursPerMonth,
      family,
      instanceHour: round(instanceHour),
      loadBalancerHour: { min: round(loadBalancerHour.min), max: round(loadBalancerHour.max) },
      hourly,
      monthly: { min: round(hourly.min * table.hoursPerMonth), max: round(hourly.max * table.hoursPerMonth) },
      lines,
    },
  };
}

/**
 * The cost input of a deployment's (or a form's) model configuration: the shape's resources, the
 * instance bounds of its scaling policy, the load balancer's bandwidth. Null with the reason when
 * the configuration does not name a shape this console knows or sizes it wrongly.
 */
export function costInputOf(mc: ModelConfigurationDetails): { ok: true; input: CostInput } | { ok: false; reason: string } {
  const shape = resolveShapeResources(mc.instanceConfiguration);
  if (!shape.ok) return { ok: false, reason: shape.error.message };
  const counts = instanceCountsOf(mc.scalingPolicy);
  const instances = { min: counts.minimum, max: counts.maximum };
  if (![instances.min, instances.max].every((n) => Number.isInteger(n) && n >= 0)) return { ok: false, reason: 'Enter the number of instances to see the cost.' };
  const bandwidth = bandwidthMbpsOf(mc);
  if (!Number.isFinite(bandwidth)) return { ok: false, reason: 'Enter the load balancer bandwidth to see the cost.' };
  return {
    ok: true,
    input: {
      shapeName: shape.data.shape.name,
      ocpus: shape.data.ocpus,
      memoryInGBs: shape.data.memoryInGBs,
      gpus: shape.data.gpus,
      instances,
      bandwidthMbps: { min: bandwidth, max: Math.max(bandwidth, mc.maximumBandwidthMbps ?? bandwidth) },
    },
  };
}

/** The sum of several deployments' estimates (the operations page's total). */
export function sumCosts(estimates: readonly CostEstimate[]): { hourly: CostRange; monthly: CostRange } {
  const add = (pick: (e: CostEstimate) => CostRange) =>
    estimates.reduce((acc, e) => ({ min: round(acc.min + pick(e).min), max: round(acc.max + pick(e).max) }), { min: 0, max: 0 });
  return { hourly: add((e) => e.hourly), monthly: add((e) => e.monthly) };
}
