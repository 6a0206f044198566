import { z } from 'zod';
import { ocidSchema } from './common';

// The "Promote to OCI" dialog's inputs, shared by its form and its actions.

/** An OCI context of this console: `oci:<profile>` (Local is no target). */
export const ociContextIdSchema = z
  .string()
  .min(1, 'Choose an OCI context.')
  .max(200)
  .regex(/^oci:[\w.@-]+$/, 'Not an OCI context of this console.');

export const promotionTargetsSchema = z.strictObject({
  modelDeploymentId: ocidSchema('datasciencemodeldeployment'),
  contextId: ociContextIdSchema.optional(),
  compartmentId: ocidSchema().optional(),
});

export const promotionSelectionSchema = z.strictObject({
  modelDeploymentId: ocidSchema('datasciencemodeldeployment'),
  contextId: ociContextIdSchema,
  compartmentId: ocidSchema(),
  projectId: ocidSchema('datascienceproject'),
});
