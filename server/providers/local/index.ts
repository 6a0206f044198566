import type Docker from 'dockerode';
import type { Db } from '@/db/client';
import type { BerthConfig } from '@/server/config';
import type { HostCapacity } from '@/server/domain/fit-resources';
import { ok } from '@/server/domain/result';
import type { JobHandlers, WorkRequestRunner } from '@/server/jobs/runner';
import type { DataScienceProvider, ProviderCapabilities } from '../types';
import { createDeploymentJobHandlers } from './deployments/jobs';
import { createLocalModelDeployments } from './deployments/api';
import { createLocalFaultInjection } from './deployments/faults';
import { withFollowing } from './deployments/follow-api';
import { createFollowSync, startFollowSweep } from './deployments/follow-sync';
import { withFollowTriggers } from './deployments/follow-triggers';
import { createGatewayClient, type GatewayClient } from './deployments/gateway-client';
import type { RolloutDeps } from './deployments/rollout';
import { createBuildJournal } from './docker/build-journal';
import { createDockerClient, dockerInfo } from './docker/client';
import { runtimeImageRebuildHandler } from './docker/rebuild-job';
import { ensureRuntimeImage } from './docker/runtime-images';
import { createLocalIdentity } from './identity';
import { createLocalModels } from './models';
import { projectDeleteHandler } from './project-jobs';
import { createLocalProjects } from './projects';
import { createLocalModelVersionSets, modelVersionSetDeleteHandler } from './model-version-sets';
import { summarizeMetricsData } from '@/db/queries/metrics';
import { createLocalWorkRequests } from './work-requests';
import { createLocalPreflight } from './checks';
import { createLocalPredict } from './predict';

export interface LocalRuntimeDeps {
  db: Db;
  config: BerthConfig;
  tenancyId: string;
  userId: string;
  now: () => Date;
  /** Tests may pass their own engine client or gateway address. */
  docker?: Docker;
}

export interface LocalRuntime extends RolloutDeps {
  config: BerthConfig;
  userId: string;
  gateway: GatewayClient;
}

/** The Docker side of the local provider: engine, runtime images, gateway, host capacity. */
export function createLocalRuntime(deps: LocalRuntimeDeps): LocalRuntime {
  const docker = deps.docker ?? createDockerClient();
  let capacity: Promise<HostCapacity> | null = null;
  return {
    db: deps.db,
    docker,
    config: deps.config,
    userId: deps.userId,
    tenancyId: deps.tenancyId,
    gateway: createGatewayClient(deps.config.gatewayUrl),
    refuseOversizedShapes: deps.config.refuseOversizedShapes,
    startupTimeoutMs: deps.config.startupTimeoutMs,
    now: deps.now,
    hostCapacity: () => {
      const cap = deps.config.hostMemoryBytes;
      const cpuCap = deps.config.hostCpus;
      capacity ??= dockerInfo(docker).then((i) => ({
        cpus: cpuCap !== null && cpuCap < i.cpus ? cpuCap : i.cpus,
        memoryBytes: cap !== null && cap < i.memoryBytes ? cap : i.memoryBytes,
        nvidiaRuntime: i.nvidiaRuntime,
      }));
      return capacity;
    },
    ensureRuntimeImage: async (slug, onProgress) => {
      const r = await ensureRuntimeImage(docker, slug, { onProgress, journal: createBuildJournal(deps.db, 'deployment') });
      return r.ok ? ok({ image: r.data.tag }) : r;
    },
  };
}

/** The handlers the runner needs for the local provider's asynchronous operations. */
export function createLocalJobHandlers(runtime: LocalRuntime): JobHandlers {
  return {
    PROJECT_DELETE: projectDeleteHandler(runtime.db),
    MODELVERSIONSET_DELETE: modelVersionSetDeleteHandler(runtime.db, runtime.now),
    BERTH_RUNTIME_IMAGE_BUILD: runtimeImageRebuildHandler(runtime.docker, runtime.db),
    ...createDeploymentJobHandlers(runtime),
  };
}

/** The Docker side offers what runs on this machine; OCI's own services it has not. */
export const LOCAL_CAPABILITIES: ProviderCapabilities = {
  hostCapacity: true,
  imageBuilds: true,
  faultInjection: true,
  containerLogs: true,
  preflight: true,
  compartmentTree: true,
  ociLogging: false,
  ocir: false,
  subnets: false,
  alarmActions: true,
  scalingDecisions: true,
  promoteToOci: true,
  promotionTarget: false,
  idleGuard: true,
  revisionHistory: true,
  consolePolicies: true,
  gatewayPredictAuth: true,
};

export function createLocalProvider(runtime: LocalRuntime, runner: WorkRequestRunner): DataScienceProvider {
  const { db, config, userId, now } = runtime;
  const region = config.region;
  const deployments = createLocalModelDeployments({ db, docker: runtime.docker, runner, region, userId, gatewayUrl: config.gatewayUrl, now });
  const follow = createFollowSync({ db, runner, deployments, now, logger: console });
  const models = createLocalModels({
    db,
    region,
    userId,
    dataDir: config.dataDir,
    artifactsDir: config.artifactsDir,
    uploadsDir: config.uploadsDir,
    maxArtifactBytes: config.maxArtifactBytes,
    dataQuotaBytes: config.dataQuotaBytes,
    now,
  });
  return {
    kind: 'local',
    capabilities: LOCAL_CAPABILITIES,
    ...createLocalIdentity(db),
    ...createLocalProjects({ db, runner, region, userId, now }),
    ...createLocalModelVersionSets({ db, runner, region, userId, now }),
    ...withFollowTriggers(db, models, follow),
    ...withFollowing(db, deployments, now),
    ...createLocalWorkRequests(db, runner, config.dataDir),
    summarizeMetricsData: async (details) => summarizeMetricsData(db, details),
    ...createLocalPredict({ deployments, dataDir: config.dataDir }),
    faultInjection: createLocalFaultInjection({ db, gateway: runtime.gateway, region, now }),
    preflight: createLocalPreflight({ ...runtime, loadCheckTimeoutMs: config.loadCheckTimeoutMs }),
  };
}

/**
 * Swaps, every reconcile interval, the following deployments that could not swap when their label
 * moved (busy with other work then); 0 turns it off, as for the reconciler.
 */
export function startFollowing(runtime: LocalRuntime, runner: WorkRequestRunner): () => void {
  const deployments = createLocalModelDeployments({ db: runtime.db, docker: runtime.docker, runner, region: runtime.config.region, userId: runtime.userId, gatewayUrl: runtime.config.gatewayUrl, now: runtime.now });
  return startFollowSweep(createFollowSync({ db: runtime.db, runner, deployments, now: runtime.now, logger: console }), runtime.config.reconcileIntervalMs);
}

/**
 * Records the end of each fault whose time is up, every second. The gateway and instance starts
 * stop applying a fault at its expiry by the clock; this only writes it into the history.
 */
export function startFaultExpiry(runtime: LocalRuntime, logger: Pick<Console, 'error'> = console): () => void {
  const faults = createLocalFaultInjection({ db: runtime.db, gateway: runtime.gateway, region: runtime.config.region, now: runtime.now });
  const timer = setInterval(() => {
    try {
      faults.sweepExpired();
    } catch (err) {
      logger.error('recording expired faults failed', err);
    }
  }, 1000);
  timer.unref();
  return () => clearInterval(timer);
}
