import * as common from 'oci-common';
import { DataScienceClient } from 'oci-datascience';
import { MonitoringClient } from 'oci-monitoring';
import type { Compartment } from '@/server/domain/oci-types';
import { ok } from '@/server/domain/result';
import type { DataScienceProvider, ProviderCapabilities } from '../types';
import { createOciMonitoringAlarms } from './alarms';
import { createOciModels, createOciModelVersionSets, createOciProjects } from './catalog';
import { createOciModelDeployments, createOciMonitoring, createOciWorkRequests } from './deployments';

/**
 * What OCI offers through this provider. Host capacity, image builds, fault injection, container
 * logs and the pre-create check run on the local machine and have no OCI operation; the
 * compartment tree, OCI Logging and OCIR need SDKs this provider does not use yet. OCI's alarms
 * notify topics (seed 004 scales with Functions), and OCI records no scaling decisions.
 */
export const OCI_CAPABILITIES: ProviderCapabilities = {
  hostCapacity: false,
  imageBuilds: false,
  faultInjection: false,
  containerLogs: false,
  preflight: false,
  compartmentTree: false,
  ociLogging: false,
  ocir: false,
  subnets: true,
  alarmActions: false,
  scalingDecisions: false,
};

export interface OciProviderOptions {
  auth: common.AuthenticationDetailsProvider;
  tenancyId: string;
  /** The Data Science and Monitoring endpoint, for a test cloud or a private endpoint; else the region's. */
  endpoint?: string;
  /** More compartments to offer beside the tenancy (the profile's berth_compartment). */
  compartmentIds?: string[];
  now?: () => Date;
}

export function createOciProvider(options: OciProviderOptions): DataScienceProvider {
  // No retries: the console answers a person, who sees OCI's error at once rather than minutes later.
  const clientConfiguration: common.ClientConfiguration = { retryConfiguration: common.NoRetryConfigurationDetails };
  const ds = new DataScienceClient({ authenticationDetailsProvider: options.auth }, clientConfiguration);
  const monitoring = new MonitoringClient({ authenticationDetailsProvider: options.auth }, clientConfiguration);
  if (options.endpoint) {
    ds.endpoint = options.endpoint;
    monitoring.endpoint = options.endpoint;
  }
  const where = ds.endpoint;
  const deps = { ds, monitoring, tenancyId: options.tenancyId, where };
  const now = options.now ?? (() => new Date());

  const compartment = (id: string, parent: string | null, name: string): Compartment => ({ id, compartmentId: parent, name, description: '', lifecycleState: 'ACTIVE', timeCreated: now().toISOString() });

  return {
    kind: 'oci',
    capabilities: OCI_CAPABILITIES,
    // Without oci-identity the tree is the tenancy and the compartments the profile names.
    listCompartments: async () =>
      ok([compartment(options.tenancyId, null, 'tenancy'), ...(options.compartmentIds ?? []).filter((c) => c !== options.tenancyId).map((c, i) => compartment(c, options.tenancyId, `compartment ${i + 1}`))]),
    listTagNamespaces: async () => ok([]),
    ...createOciProjects(deps),
    ...createOciModelVersionSets(deps),
    ...createOciModels(deps),
    ...createOciModelDeployments(deps),
    ...createOciWorkRequests(deps),
    ...createOciMonitoring(deps),
    monitoringAlarms: createOciMonitoringAlarms(deps),
  };
}
