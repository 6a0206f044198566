import { domainError, err } from '@/server/domain/result';
import type { PreflightApi } from '../../types';
import type { RolloutDeps } from '../deployments/rollout';
import type { LoadCheckDeps } from './load-check';
import { runLoadCheck } from './load-check';
import { DEFAULT_CHECK_LIMITS, runDeploymentCheck, type CheckLimits } from './run-check';

/** Checks share the host with the deployments: a few at a time is plenty. */
const MAX_CONCURRENT_CHECKS = 2;

export interface LocalPreflightDeps extends RolloutDeps {
  loadCheckTimeoutMs: number;
  limits?: CheckLimits;
}

export function createLocalPreflight(deps: LocalPreflightDeps): PreflightApi {
  let running = 0;
  const loadDeps: LoadCheckDeps = { db: deps.db, docker: deps.docker, tenancyId: deps.tenancyId, timeoutMs: deps.loadCheckTimeoutMs, now: deps.now };
  return {
    async checkDeployment(input, progress) {
      if (running >= MAX_CONCURRENT_CHECKS) {
        return err(domainError('TooManyRequests', `${running} checks are running already; try again when one has finished.`));
      }
      running++;
      try {
        return await runDeploymentCheck(deps, input, progress, deps.limits ?? DEFAULT_CHECK_LIMITS);
      } finally {
        running--;
      }
    },
    checkModelLoads: (modelId) => runLoadCheck(loadDeps, modelId),
  };
}
