'use server';

import { ok } from '@/server/domain/result';
import { yamlPreviewRequestSchema } from '@/server/validation/deployment-yaml-preview';
import { parseDeploymentYaml } from '@/server/validation/deployment-yaml';
import { runAction } from '../run-action';

/** "Create from YAML", first step: the details the spec stands for and its problems, nothing created. */
export async function previewDeploymentYamlAction(input: unknown) {
  return runAction(yamlPreviewRequestSchema, input, async ({ yaml, ...context }) => ok(parseDeploymentYaml(yaml, context)));
}
