import { z } from 'zod';
import { COMPARTMENT_NAME } from '@/server/domain/compartment-rules';
import { IAM_RESOURCE_TYPES, IAM_VERBS } from '@/server/domain/iam';
import { descriptionSchema, ocidSchema } from './common';

// Inputs of the identity administration: compartments, users, groups and grants. Names follow
// OCI's rules for each, and the messages say what is allowed.

export const compartmentNameSchema = z
  .string({ error: 'Name must be text.' })
  .trim()
  .min(1, { error: 'Name is required', abort: true })
  .max(100, 'Name must be at most 100 characters.')
  .regex(COMPARTMENT_NAME, 'Use letters, digits, periods, hyphens and underscores only (no spaces).');

const optionalDescription = descriptionSchema.trim().optional().transform((v) => v ?? '');

export const createCompartmentSchema = z.object({
  parentId: ocidSchema('compartment'),
  name: compartmentNameSchema,
  description: optionalDescription,
});

export const updateCompartmentSchema = z.object({
  compartmentId: ocidSchema('compartment'),
  name: compartmentNameSchema,
  description: optionalDescription,
});

export const moveCompartmentSchema = z.object({
  compartmentId: ocidSchema('compartment'),
  targetParentId: ocidSchema('compartment'),
});

export const compartmentIdSchema = z.object({ compartmentId: ocidSchema('compartment') });

/** OCI's user and group names: no spaces; letters, digits and - _ . @ + (an email address fits). */
const PRINCIPAL_NAME = /^[A-Za-z0-9._@+-]+$/;

const principalName = (what: string) =>
  z
    .string({ error: `${what} name must be text.` })
    .trim()
    .min(1, { error: 'Name is required', abort: true })
    .max(100, 'Name must be at most 100 characters.')
    .regex(PRINCIPAL_NAME, 'Use letters, digits and - _ . @ + only (no spaces).');

export const createUserSchema = z.object({
  name: principalName('User'),
  email: z
    .string({ error: 'Email must be text.' })
    .trim()
    .max(254)
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.email('Enter an email address, or leave it empty.').optional()),
  description: optionalDescription,
});

export const userStateSchema = z.object({
  userId: ocidSchema('user'),
  state: z.enum(['ACTIVE', 'INACTIVE'], 'State is ACTIVE or INACTIVE.'),
});

export const userIdSchema = z.object({ userId: ocidSchema('user') });

export const membershipSchema = z.object({ userId: ocidSchema('user'), groupId: ocidSchema('group') });

export const createGroupSchema = z.object({ name: principalName('Group'), description: optionalDescription });

export const updateGroupSchema = z.object({ groupId: ocidSchema('group'), name: principalName('Group'), description: optionalDescription });

export const groupIdSchema = z.object({ groupId: ocidSchema('group') });

export const createGrantSchema = z.object({
  groupId: ocidSchema('group'),
  verb: z.enum(IAM_VERBS, `Verb is one of ${IAM_VERBS.join(', ')}.`),
  resourceType: z.enum(IAM_RESOURCE_TYPES, `Resource type is one of ${IAM_RESOURCE_TYPES.join(', ')}.`),
  compartmentId: ocidSchema('compartment'),
});

export const grantIdSchema = z.object({ grantId: ocidSchema('policy') });

export type CreateCompartmentInput = z.output<typeof createCompartmentSchema>;
export type UpdateCompartmentInput = z.output<typeof updateCompartmentSchema>;
export type MoveCompartmentInput = z.output<typeof moveCompartmentSchema>;
export type CreateUserInput = z.output<typeof createUserSchema>;
export type CreateGroupInput = z.output<typeof createGroupSchema>;
export type UpdateGroupInput = z.output<typeof updateGroupSchema>;
export type CreateGrantInput = z.output<typeof createGrantSchema>;
