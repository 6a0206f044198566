'use client';

import { useEffect } from 'react';
import { useToast } from '@/components/ui/toast';
import { isTransitional } from '@/server/domain/md-lifecycle';
import type { ModelDeploymentLifecycleState } from '@/server/domain/oci-types';

/** The key of the "Creating / Updating / Deactivating ..." toast of one deployment. */
export const operationToastKey = (deploymentId: string) => `md-operation:${deploymentId}`;

/**
 * Once the deployment is seen in a settled state, its operation toast is news no longer: a
 * "Creating the model deployment" toast must not still show beside an Active badge.
 */
export function useDismissSettledOperationToast(deploymentId: string, state: ModelDeploymentLifecycleState) {
  const { dismiss } = useToast();
  const settled = !isTransitional(state);
  useEffect(() => {
    if (settled) dismiss(operationToastKey(deploymentId));
  }, [settled, state, deploymentId, dismiss]);
}
