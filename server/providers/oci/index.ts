import * as common from 'oci-common';
import { DataScienceClient } from 'oci-datascience';
import { ArtifactsClient } from 'oci-artifacts';
import { IdentityClient } from 'oci-identity';
import { LogSearchClient } from 'oci-loggingsearch';
import { MonitoringClient } from 'oci-monitoring';
import type { DataScienceProvider, ProviderCapabilities } from '../types';
import { createOciMonitoringAlarms } from './alarms';
import { createOciModels, createOciModelVersionSets, createOciProjects } from './catalog';
import { createOciModelDeployments, createOciMonitoring, createOciWorkRequests } from './deployments';
import { createOciIdentity } from './identity';
import { createOciLogging } from './logging';
import { createOciPredict } from './predict';
import { createOciRegistry, type OcirRegistry } from './registry';

/**
 * What OCI offers through this provider. Host capacity, image builds, fault injection, container
 * logs and the pre-create check run on the local machine and have no OCI operation; the
 * compartment tree (oci-identity), OCI Logging (oci-loggingsearch) and OCIR (oci-artifacts) are OCI's.
 * OCI's alarms notify topics (seed 004 scales with Functions), and OCI records no scaling decisions.
 */
export const OCI_CAPABILITIES: ProviderCapabilities = {
  hostCapacity: false,
  imageBuilds: false,
  faultInjection: false,
  containerLogs: false,
  preflight: false,
  compartmentTree: true,
  ociLogging: true,
  ocir: true,
  subnets: true,
  alarmActions: false,
  scalingDecisions: false,
  // Already in OCI: promotion starts from a deployment of this machine.
  promoteToOci: false,
  promotionTarget: true,
  // The idle guard counts the gateway's requests and deactivates through the local job runner.
  idleGuard: false,
  // OCI applies the change in its own work request; the console writes no revision for it (OCI's Audit has the change).
  revisionHistory: false,
  // OCI's IAM decides for the profile's key; its predict endpoint takes signed requests only.
  consolePolicies: false,
  gatewayPredictAuth: false,
};

export interface OciProviderOptions {
  auth: common.AuthenticationDetailsProvider;
  tenancyId: string;
  /** One endpoint for every service (a Berth cloud answers them all on one port); else each service's in the region. */
  endpoint?: string;
  /** Where OCIR image references start; absent: the repository names as they are. */
  registry?: OcirRegistry;
  /** More compartments to offer beside the tenancy (the profile's berth_compartment). */
  compartmentIds?: string[];
  now?: () => Date;
}

export function createOciProvider(options: OciProviderOptions): DataScienceProvider {
  // No retries: the console answers a person, who sees OCI's error at once rather than minutes later.
  const clientConfiguration: common.ClientConfiguration = { retryConfiguration: common.NoRetryConfigurationDetails };
  const ds = new DataScienceClient({ authenticationDetailsProvider: options.auth }, clientConfiguration);
  const monitoring = new MonitoringClient({ authenticationDetailsProvider: options.auth }, clientConfiguration);
  const identity = new IdentityClient({ authenticationDetailsProvider: options.auth }, clientConfiguration);
  const logSearch = new LogSearchClient({ authenticationDetailsProvider: options.auth }, clientConfiguration);
  const artifacts = new ArtifactsClient({ authenticationDetailsProvider: options.auth }, clientConfiguration);
  if (options.endpoint) for (const client of [ds, monitoring, identity, logSearch, artifacts]) client.endpoint = options.endpoint;
  const where = ds.endpoint;
  const deps = { ds, monitoring, tenancyId: options.tenancyId, where };
  const now = options.now ?? (() => new Date());

  return {
    kind: 'oci',
    capabilities: OCI_CAPABILITIES,
    ...createOciIdentity({ identity, tenancyId: options.tenancyId, where: identity.endpoint, compartmentIds: options.compartmentIds ?? [], now }),
    ociLogging: createOciLogging({ ds, logSearch, where: logSearch.endpoint }),
    containerRegistry: createOciRegistry({ artifacts, tenancyId: options.tenancyId, where: artifacts.endpoint, registry: options.registry ?? { kind: 'fixed', prefix: '' } }),
    ...createOciProjects(deps),
    ...createOciModelVersionSets(deps),
    ...createOciModels(deps),
    ...createOciModelDeployments(deps),
    ...createOciWorkRequests(deps),
    ...createOciMonitoring(deps),
    ...createOciPredict({ ds, auth: options.auth, where }),
    monitoringAlarms: createOciMonitoringAlarms(deps),
  };
}
