import { z } from 'zod';
import { isOcid, OCID_TYPE_LABELS, type OcidType } from '@/server/domain/ocid';

// Shared zod building blocks for forms, server actions and the REST API. Messages are written for
// the person filling the form: they say what is wrong and what is allowed.

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** A value that must be present; the message says which field is missing. */
export const requiredString = (label: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `${label} is required.` : `${label} must be text.`) });

// The tenancy is the root compartment, so wherever a compartment goes its OCID is accepted too.
const ACCEPTED_TYPES: Partial<Record<OcidType, readonly string[]>> = { compartment: ['compartment', 'tenancy'] };

export function ocidSchema(type?: OcidType) {
  const label = type ? `${OCID_TYPE_LABELS[type]} OCID` : 'OCID';
  const capitalised = label.charAt(0).toUpperCase() + label.slice(1);
  const accepted = type ? (ACCEPTED_TYPES[type] ?? [type]) : undefined;
  const example = type ? `ocid1.${type}.oc1...` : 'ocid1.<type>.oc1...';
  return requiredString(capitalised)
    .trim()
    .min(1, { error: `${capitalised} is required.`, abort: true })
    .refine((v) => isOcid(v) && (!accepted || accepted.some((t) => v.startsWith(`ocid1.${t}.`))), {
      error: `Must be ${article(label)} ${label} (${example}).`,
    });
}

export const DISPLAY_NAME_MAX = 255;
export const DESCRIPTION_MAX = 400;

export const displayNameSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'Name is required' : 'Name must be text.') })
  .trim()
  .min(1, { error: 'Name is required', abort: true })
  .max(DISPLAY_NAME_MAX, `Name must be at most ${DISPLAY_NAME_MAX} characters.`);

/** A name the service may generate: blank means "not given". */
export const optionalDisplayNameSchema = z
  .string({ error: 'Name must be text.' })
  .trim()
  .max(DISPLAY_NAME_MAX, `Name must be at most ${DISPLAY_NAME_MAX} characters.`)
  .optional()
  .transform((v) => v || undefined);

export const descriptionSchema = z
  .string({ error: 'Description must be text.' })
  .max(DESCRIPTION_MAX, `Description must be at most ${DESCRIPTION_MAX} characters.`);
