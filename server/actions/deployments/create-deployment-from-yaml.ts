'use server';

import { revalidatePath } from 'next/cache';
import { domainError, err } from '@/server/domain/result';
import { getAppContext } from '@/server/services/context';
import { deploymentEditorOf } from '@/server/services/deployment-editor';
import { yamlPreviewRequestSchema } from '@/server/validation/deployment-yaml-preview';
import { parseDeploymentYaml } from '@/server/validation/deployment-yaml';
import { runAction } from '../run-action';

/**
 * Parses the spec again on the server (the preview the browser saw is not trusted) and creates
 * the deployment it stands for; a spec with any error creates nothing and says where.
 */
export async function createDeploymentFromYamlAction(input: unknown) {
  const result = await runAction(yamlPreviewRequestSchema, input, async ({ yaml, ...context }) => {
    const parsed = parseDeploymentYaml(yaml, context);
    if (!parsed.ok || !parsed.details) {
      const fieldErrors = Object.fromEntries(parsed.problems.filter((p) => p.severity === 'error').map((p) => [p.where, p.line ? `line ${p.line}: ${p.message}` : p.message]));
      return err(domainError('InvalidParameter', 'The spec has problems; nothing was created.', fieldErrors));
    }
    return deploymentEditorOf(getAppContext()).create(parsed.details);
  });
  if (result.ok) revalidatePath('/model-deployments', 'layout');
  return result;
}
