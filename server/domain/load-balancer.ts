import type { ModelConfigurationDetails } from './oci-types';

// A model deployment's load balancer bandwidth, in Mbps. OCI's flexible load balancer takes 10 to
// 8,000 Mbps (OCI-SPEC E); an unset bandwidthMbps is 10, the default of ADS's
// ModelDeploymentInfrastructure, which the gateway then enforces and the cost estimate prices.

export const DEFAULT_BANDWIDTH_MBPS = 10;
export const BANDWIDTH_MIN_MBPS = 10;
export const BANDWIDTH_MAX_MBPS = 8000;

/** The bandwidth a configuration gets: its own, or the default. */
export function bandwidthMbpsOf(mc: Pick<ModelConfigurationDetails, 'bandwidthMbps'> | undefined | null): number {
  return mc?.bandwidthMbps ?? DEFAULT_BANDWIDTH_MBPS;
}
