import type { PriceTable } from './price-table';

// OCI's pay-as-you-go list prices for what a model deployment is billed for: the compute of its
// instances and its load balancer (Data Science adds no charge of its own for a deployment).
// Prices change: BERTH_PRICE_TABLE points the console at a JSON file of this same shape instead.
export const OCI_PRICE_TABLE: PriceTable = {
  source:
    'Oracle Cloud Price List (www.oracle.com/cloud/price-list), Compute (virtual machine and GPU instances) and Networking (Flexible Load Balancer), pay as you go, USD; transcribed by hand: check the current list before relying on a figure.',
  asOf: '2025-06-01',
  currency: 'USD',
  // OCI's cost estimator counts a month as 744 hours (31 days).
  hoursPerMonth: 744,
  families: {
    'VM.Standard.E3.Flex': { ocpuHour: 0.025, memoryGbHour: 0.0015 },
    'VM.Standard.E4.Flex': { ocpuHour: 0.025, memoryGbHour: 0.0015 },
    'VM.Standard.E5.Flex': { ocpuHour: 0.03, memoryGbHour: 0.002 },
    'VM.Standard3.Flex': { ocpuHour: 0.04, memoryGbHour: 0.0015 },
    'VM.Optimized3.Flex': { ocpuHour: 0.054, memoryGbHour: 0.0015 },
    'VM.Standard.A1.Flex': { ocpuHour: 0.01, memoryGbHour: 0.0015 },
    'VM.Standard.A2.Flex': { ocpuHour: 0.014, memoryGbHour: 0.002 },
    // The generic shapes run on the current AMD, Intel and Ampere families.
    'VM.Standard.AMD.Generic': { ocpuHour: 0.025, memoryGbHour: 0.0015 },
    'VM.Standard.Intel.Generic': { ocpuHour: 0.04, memoryGbHour: 0.0015 },
    'VM.Standard.Ampere.Generic': { ocpuHour: 0.01, memoryGbHour: 0.0015 },
    // X7 fixed shapes: memory is included in the OCPU price.
    'VM.Standard2': { ocpuHour: 0.0638, memoryGbHour: 0 },
    // GPU shapes are priced per GPU-hour, their OCPUs and memory included.
    'VM.GPU2': { gpuHour: 1.275 },
    'VM.GPU3': { gpuHour: 2.95 },
    'VM.GPU.A10': { gpuHour: 2.0 },
    'BM.GPU.A10': { gpuHour: 2.0 },
    'BM.GPU4': { gpuHour: 3.05 },
    'BM.GPU.A100-v2': { gpuHour: 4.0 },
    'BM.GPU.H100': { gpuHour: 10.0 },
    'BM.GPU.L40S-NC': { gpuHour: 3.5 },
  },
  loadBalancer: { baseHour: 0.0113, mbpsHour: 0.0001 },
};
