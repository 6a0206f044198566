import { z } from 'zod';
import { descriptionSchema, displayNameSchema, ocidSchema } from './common';
import { definedTagsSchema, freeformTagsSchema } from './tags';

// CreateProjectDetails / UpdateProjectDetails (OCI-SPEC A.1). The console asks for a name, so it
// is required here even though the API would generate one.

export const createProjectSchema = z.strictObject({
  compartmentId: ocidSchema('compartment'),
  displayName: displayNameSchema,
  description: descriptionSchema.optional(),
  freeformTags: freeformTagsSchema.optional(),
  definedTags: definedTagsSchema.optional(),
});

export const updateProjectSchema = z.strictObject({
  displayName: displayNameSchema.optional(),
  description: descriptionSchema.optional(),
  freeformTags: freeformTagsSchema.optional(),
  definedTags: definedTagsSchema.optional(),
});
