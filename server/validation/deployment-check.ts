import { z } from 'zod';
import { CHECK_IDS } from '@/server/domain/deployment-check';
import { STARTUP_FAILURE_CLASSES } from '@/server/domain/startup-failure';
import { commandListSchema, defaultEnvironmentConfigurationSchema, environmentVariablesSchema, imageDigestSchema, imageReferenceSchema } from './byoc';
import { modelConfigurationDetailsSchema } from './deployment';

// POST /api/deployment-checks: the configuration the wizard would create, and the events the
// check streams back (NDJSON), parsed by the wizard too.

// Ports and the command's size are what the check reports on, so any TCP port and any command
// is taken here; the create request keeps refusing what breaks the rules.
const anyPortSchema = z.number({ error: 'Port must be a number.' }).int('Port must be a whole number.').min(1).max(65535, 'Port must be at most 65535.');

const checkOcirSchema = z.strictObject({
  environmentConfigurationType: z.literal('OCIR_CONTAINER'),
  image: imageReferenceSchema,
  imageDigest: imageDigestSchema.optional(),
  cmd: commandListSchema.max(256, 'At most 256 cmd elements.').optional(),
  entrypoint: commandListSchema.max(256, 'At most 256 entrypoint elements.').optional(),
  serverPort: anyPortSchema.optional(),
  healthCheckPort: anyPortSchema.optional(),
  environmentVariables: environmentVariablesSchema.optional(),
});

export const deploymentCheckRequestSchema = z.strictObject({
  modelDeploymentConfigurationDetails: z.strictObject({
    deploymentType: z.literal('SINGLE_MODEL', { error: 'Only SINGLE_MODEL deployments are supported.' }),
    modelConfigurationDetails: modelConfigurationDetailsSchema,
    environmentConfigurationDetails: z
      .discriminatedUnion('environmentConfigurationType', [defaultEnvironmentConfigurationSchema, checkOcirSchema], {
        error: 'environmentConfigurationType must be DEFAULT or OCIR_CONTAINER.',
      })
      .optional(),
  }),
});

export type DeploymentCheckRequest = z.infer<typeof deploymentCheckRequestSchema>;

const statusSchema = z.enum(['pass', 'warn', 'fail']);
const idSchema = z.enum(CHECK_IDS);

export const checkItemSchema = z.object({
  id: idSchema,
  label: z.string(),
  status: statusSchema,
  reason: z.string(),
  excerpt: z.string().optional(),
  hint: z.string().optional(),
  failureClass: z.enum(STARTUP_FAILURE_CLASSES).optional(),
});

export const checkEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('plan'), items: z.array(z.object({ id: idSchema, label: z.string() })) }),
  z.object({ type: z.literal('step'), message: z.string() }),
  z.object({ type: z.literal('item'), item: checkItemSchema }),
  z.object({
    type: z.literal('report'),
    report: z.object({ kind: z.enum(['conda', 'container']), image: z.string(), items: z.array(checkItemSchema), outcome: statusSchema, seconds: z.number() }),
  }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);

export type CheckEvent = z.infer<typeof checkEventSchema>;
