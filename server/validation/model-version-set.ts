import { z } from 'zod';
import { descriptionSchema, displayNameSchema, ocidSchema } from './common';
import { definedTagsSchema, freeformTagsSchema } from './tags';

// CreateModelVersionSetDetails / UpdateModelVersionSetDetails of oci-datascience: only the
// description and the tags of a set change after it is made.

export const createModelVersionSetSchema = z.strictObject({
  compartmentId: ocidSchema('compartment'),
  projectId: ocidSchema('datascienceproject'),
  name: displayNameSchema,
  description: descriptionSchema.optional(),
  freeformTags: freeformTagsSchema.optional(),
  definedTags: definedTagsSchema.optional(),
});

export const updateModelVersionSetSchema = z.strictObject({
  description: descriptionSchema.optional(),
  freeformTags: freeformTagsSchema.optional(),
  definedTags: definedTagsSchema.optional(),
});
