import { z } from 'zod';
import { formatBytes } from '@/server/domain/bytes';
import { DEPLOYMENT_YAML_MAX_BYTES } from './deployment-yaml';

// POST /api/model-deployments/yaml-preview: the spec text, and what the console or CLI knows
// besides it (the project and compartment in view, the CLI's --name and -m).
export const yamlPreviewRequestSchema = z.strictObject({
  yaml: z
    .string({ error: 'yaml is required: the deployment spec as text.' })
    .refine((v) => Buffer.byteLength(v, 'utf8') <= DEPLOYMENT_YAML_MAX_BYTES, `yaml must be at most ${formatBytes(DEPLOYMENT_YAML_MAX_BYTES)}.`),
  modelId: z.string().trim().min(1).optional(),
  projectId: z.string().trim().min(1).optional(),
  compartmentId: z.string().trim().min(1).optional(),
  displayName: z.string().trim().min(1).optional(),
});
