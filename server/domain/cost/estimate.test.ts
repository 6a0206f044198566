import { describe, expect, it } from 'vitest';
import type { ModelConfigurationDetails } from '../oci-types';
import { SHAPES } from '../shapes';
import { costInputOf, estimateCost, sumCosts, type CostInput } from './estimate';
import { OCI_PRICE_TABLE } from './oci-price-table';
import { shapeFamily, type PriceTable } from './price-table';

// The cost estimate on the bundled OCI list prices and on a small table whose figures are easy to
// check by hand.

const TABLE: PriceTable = {
  source: 'test prices',
  asOf: '2025-01-01',
  currency: 'USD',
  hoursPerMonth: 744,
  families: { 'VM.Standard.E4.Flex': { ocpuHour: 0.025, memoryGbHour: 0.0015 }, 'VM.GPU3': { gpuHour: 2.95 } },
  loadBalancer: { baseHour: 0.0113, mbpsHour: 0.0001 },
};

const e4 = (instances: { min: number; max: number }, bandwidth = { min: 10, max: 10 }): CostInput => ({
  shapeName: 'VM.Standard.E4.Flex',
  ocpus: 2,
  memoryInGBs: 16,
  gpus: 0,
  instances,
  bandwidthMbps: bandwidth,
});

const mc = (over: Partial<ModelConfigurationDetails>): ModelConfigurationDetails => ({
  modelId: 'ocid1.datasciencemodel.oc1.test.m',
  instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 2, memoryInGBs: 16 } },
  bandwidthMbps: 10,
  ...over,
});

describe('estimateCost', () => {
  it('prices OCPUs and memory per instance, plus the load balancer, by the hour and the 744-hour month', () => {
    const r = estimateCost(e4({ min: 3, max: 3 }), TABLE);
    if (!r.ok) throw new Error(r.reason);
    // 2 × 0.025 + 16 × 0.0015 = 0.074 an instance-hour; LB 0.0113 + 10 × 0.0001 = 0.0123.
    expect(r.estimate.instanceHour).toBe(0.074);
    expect(r.estimate.loadBalancerHour).toEqual({ min: 0.0123, max: 0.0123 });
    expect(r.estimate.hourly).toEqual({ min: 0.2343, max: 0.2343 });
    expect(r.estimate.monthly).toEqual({ min: 174.3192, max: 174.3192 });
    expect(r.estimate).toMatchObject({ family: 'VM.Standard.E4.Flex', asOf: '2025-01-01', source: 'test prices', currency: 'USD' });
  });

  it('gives an autoscaled deployment a range from its minimum to its maximum, and a scaling load balancer its bandwidth range', () => {
    const r = estimateCost(e4({ min: 1, max: 4 }, { min: 10, max: 20 }), TABLE);
    if (!r.ok) throw new Error(r.reason);
    expect(r.estimate.hourly).toEqual({ min: 0.0863, max: 0.3093 });
    expect(r.estimate.lines).toContain('1 to 4 instances (autoscaling)');
  });

  it('prices GPU shapes per GPU-hour, their OCPUs and memory included', () => {
    const r = estimateCost({ shapeName: 'VM.GPU3.2', ocpus: 12, memoryInGBs: 180, gpus: 2, instances: { min: 1, max: 1 }, bandwidthMbps: { min: 10, max: 10 } }, TABLE);
    if (!r.ok) throw new Error(r.reason);
    expect(r.estimate.instanceHour).toBe(5.9);
    expect(r.estimate.hourly.min).toBe(5.9123);
  });

  it('names a shape family the table does not price', () => {
    expect(estimateCost({ ...e4({ min: 1, max: 1 }), shapeName: 'VM.Standard.A1.Flex' }, TABLE)).toEqual({
      ok: false,
      reason: 'The price table (2025-01-01) has no price for the VM.Standard.A1.Flex shape family.',
    });
  });

  it('has a price in the bundled table for every shape the console offers', () => {
    for (const shape of SHAPES) expect(OCI_PRICE_TABLE.families[shapeFamily(shape.name)], shape.name).toBeDefined();
    expect(OCI_PRICE_TABLE.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(OCI_PRICE_TABLE.source).toMatch(/Oracle Cloud Price List/);
  });
});

describe('costInputOf and sumCosts', () => {
  it('reads shape, instance bounds and bandwidth from a model configuration', () => {
    expect(costInputOf(mc({ scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 2 } }))).toEqual({ ok: true, input: e4({ min: 2, max: 2 }) });
    const auto = costInputOf(
      mc({
        maximumBandwidthMbps: 20,
        scalingPolicy: {
          policyType: 'AUTOSCALING',
          autoScalingPolicies: [{ autoScalingPolicyType: 'THRESHOLD', minimumInstanceCount: 1, maximumInstanceCount: 5, initialInstanceCount: 2, rules: [] }],
        },
      }),
    );
    expect(auto).toEqual({ ok: true, input: e4({ min: 1, max: 5 }, { min: 10, max: 20 }) });
    const fixedGpu = costInputOf(mc({ instanceConfiguration: { instanceShapeName: 'VM.GPU3.2' } }));
    expect(fixedGpu.ok && fixedGpu.input).toMatchObject({ ocpus: 12, memoryInGBs: 180, gpus: 2, instances: { min: 1, max: 1 } });
    expect(costInputOf(mc({ scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: Number.NaN } }))).toEqual({ ok: false, reason: 'Enter the number of instances to see the cost.' });
    expect(costInputOf(mc({ instanceConfiguration: { instanceShapeName: 'VM.Nope' } })).ok).toBe(false);
  });

  it('adds estimates up for the operations page', () => {
    const a = estimateCost(e4({ min: 1, max: 1 }), TABLE);
    const b = estimateCost(e4({ min: 1, max: 4 }), TABLE);
    if (!a.ok || !b.ok) throw new Error('no estimate');
    expect(sumCosts([a.estimate, b.estimate])).toEqual({ hourly: { min: 0.1726, max: 0.3946 }, monthly: { min: 128.4144, max: 293.5824 } });
    expect(sumCosts([])).toEqual({ hourly: { min: 0, max: 0 }, monthly: { min: 0, max: 0 } });
  });
});
