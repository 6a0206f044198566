'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { deploymentEditorOf } from '@/server/services/deployment-editor';
import { getAppContext } from '@/server/services/context';
import { checkRollbackTarget, markRollback } from '@/server/services/revisions';
import { ocidSchema } from '@/server/validation/common';
import { consoleDeploymentSchemas } from '@/server/validation/deployment';
import { runAction } from '../run-action';

// The console honours BERTH_AUTOSCALING_MIN_SECONDS; the OCI-compatible API never does.
const schemaFor = (minSeconds: number | null) =>
  z.object({
    deploymentId: ocidSchema('datasciencemodeldeployment'),
    details: consoleDeploymentSchemas(minSeconds).updateModelDeploymentDetailsSchema,
    /** The edit restores this revision: its new revision says "rollback to revision N". */
    rollbackOf: z.number().int().positive().optional(),
  });

/** One shallow-merge update (a single option group, or anything while inactive): one work request. */
export async function updateDeploymentAction(input: unknown) {
  const result = await runAction(schemaFor(getAppContext().config.autoscalingMinSeconds), input, async ({ deploymentId, details, rollbackOf }, ctx) => {
    const target = await checkRollbackTarget(ctx, deploymentId, rollbackOf);
    if (!target.ok) return target;
    const accepted = await deploymentEditorOf(getAppContext()).update(deploymentId, details);
    if (accepted.ok && rollbackOf !== undefined) markRollback(ctx, { id: accepted.data.workRequestId, modelDeploymentId: deploymentId }, rollbackOf);
    return accepted;
  });
  if (result.ok) revalidatePath('/model-deployments', 'layout');
  return result;
}
