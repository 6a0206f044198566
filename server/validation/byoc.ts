import { OCIR_KEYS } from '@/server/domain/shallow-merge';
import { z } from 'zod';
import { ocidSchema } from './common';

// Bring-your-own-container rules of OCI-SPEC E (SDK OcirModelDeploymentEnvironmentConfigurationDetails
// and the BYOC docs): ports, command size, environment variables and image references.

export const CONTAINER_PORT_MIN = 1024;
export const CONTAINER_PORT_MAX = 65535;
/** Used by the service's own agents inside the instance. */
export const RESERVED_PORTS: readonly number[] = [24224, 8446, 8447];

export const containerPortSchema = z
  .number({ error: 'Port must be a number.' })
  .int('Port must be a whole number.')
  .min(CONTAINER_PORT_MIN, `Port must be between ${CONTAINER_PORT_MIN} and ${CONTAINER_PORT_MAX}.`)
  .max(CONTAINER_PORT_MAX, `Port must be between ${CONTAINER_PORT_MIN} and ${CONTAINER_PORT_MAX}.`)
  .refine((port) => !RESERVED_PORTS.includes(port), {
    error: (issue) => `Port ${String(issue.input)} is reserved by the service; ports 24224, 8446 and 8447 cannot be used.`,
  });

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

export const COMMAND_MAX_BYTES = 2048;

/** The UTF-8 size of every cmd and entrypoint element together. */
export const commandBytes = (cmd?: readonly string[] | null, entrypoint?: readonly string[] | null): number =>
  [...(cmd ?? []), ...(entrypoint ?? [])].reduce((n, part) => n + utf8Bytes(part), 0);

export function commandSizeIssue(cmd?: readonly string[] | null, entrypoint?: readonly string[] | null): string | null {
  const bytes = commandBytes(cmd, entrypoint);
  return bytes >= COMMAND_MAX_BYTES
    ? `cmd and entrypoint together take ${bytes} bytes; they must stay under ${COMMAND_MAX_BYTES} bytes. Pass long arguments through the model artifact instead.`
    : null;
}

export const commandListSchema = z.array(z.string({ error: 'Each cmd and entrypoint element must be text.' }));

// Service-provided variables (OCI-SPEC H). The application variables of the same page
// (WEB_CONCURRENCY, CONTAINER_TYPE, MODEL_DEPLOY_*_ENDPOINT) are meant to be set by users.
export const RESERVED_ENVIRONMENT_VARIABLES: readonly string[] = [
  'MODEL_DEPLOYMENT_OCID',
  'TENANCY_OCID',
  'MODEL_SERVING_PYTHON_VERSION',
  'CONTAINER_CUSTOM_IMAGE',
];

export const ENVIRONMENT_KEY_MIN = 2;
export const ENVIRONMENT_KEY_MAX = 31;
export const ENVIRONMENT_MAX_BYTES = 2048;

/** Why an environment variable name is not acceptable, or null if it is. */
export function environmentVariableKeyIssue(key: string): string | null {
  const name = `Environment variable "${key}"`;
  if (key.length < ENVIRONMENT_KEY_MIN || key.length > ENVIRONMENT_KEY_MAX) {
    return `${name} must be ${ENVIRONMENT_KEY_MIN} to ${ENVIRONMENT_KEY_MAX} characters long.`;
  }
  if (!/^[A-Za-z0-9_]+$/.test(key)) return `${name} may contain only letters, digits and underscores.`;
  if (!/^[A-Za-z]/.test(key)) return `${name} must start with a letter.`;
  if (key.endsWith('_')) return `${name} must not end with an underscore.`;
  if (RESERVED_ENVIRONMENT_VARIABLES.includes(key)) return `${name} is set by the service and cannot be overridden.`;
  return null;
}

export const environmentVariablesBytes = (vars: Record<string, string>): number =>
  Object.entries(vars).reduce((n, [k, v]) => n + utf8Bytes(k) + utf8Bytes(v), 0);

export const environmentVariablesSchema = z
  .record(z.string(), z.string({ error: 'Environment variable values must be text.' }))
  .superRefine((vars, ctx) => {
    for (const key of Object.keys(vars)) {
      const issue = environmentVariableKeyIssue(key);
      if (issue) ctx.addIssue({ code: 'custom', message: issue, path: [key] });
    }
    const bytes = environmentVariablesBytes(vars);
    if (bytes >= ENVIRONMENT_MAX_BYTES) {
      ctx.addIssue({
        code: 'custom',
        message: `Environment variables take ${bytes} bytes (keys and values together); they must stay under ${ENVIRONMENT_MAX_BYTES} bytes.`,
      });
    }
  });

// ---- Image references: repository[:tag][@sha256:<64 hex>] ---------------------------------------

export interface ImageReference {
  repository: string;
  tag?: string;
  digest?: string;
}

const HOST = String.raw`[a-z0-9]+(?:[.-][a-z0-9]+)*(?::[0-9]+)?`;
const COMPONENT = String.raw`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*`;
const REPOSITORY = new RegExp(`^(?:${HOST}/)?${COMPONENT}(?:/${COMPONENT})*$`);
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

const DIGEST_RULE = 'must be sha256: followed by 64 lowercase hexadecimal characters';

function splitImageReference(ref: string): ImageReference {
  const at = ref.indexOf('@');
  const name = at === -1 ? ref : ref.slice(0, at);
  const digest = at === -1 ? undefined : ref.slice(at + 1);
  const colon = name.lastIndexOf(':');
  const hasTag = colon > name.lastIndexOf('/');
  return {
    repository: hasTag ? name.slice(0, colon) : name,
    ...(hasTag ? { tag: name.slice(colon + 1) } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

/** Docker's limit on a repository name, counted as the engine does, after normalizing it. */
export const MAX_IMAGE_NAME_LENGTH = 255;
/** Name, tag and digest at their longest, with their separators. */
const MAX_IMAGE_REFERENCE_LENGTH = MAX_IMAGE_NAME_LENGTH + 1 + 128 + 1 + 71;

/**
 * The repository name as the engine counts it: a name without a registry host is Docker Hub's
 * (docker.io/...), and a single-component one an official image (docker.io/library/...). So
 * "abc" counts 21 characters, and a 238-character "a...a" is over the limit by 1.
 */
export function normalizedImageName(repository: string): string {
  const slash = repository.indexOf('/');
  const first = slash === -1 ? '' : repository.slice(0, slash);
  const hasHost = slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  let domain = hasHost ? first : 'docker.io';
  let rest = hasHost ? repository.slice(slash + 1) : repository;
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !rest.includes('/')) rest = `library/${rest}`;
  return `${domain}/${rest}`;
}

/** Why an image reference is not acceptable, or null if it is. */
export function imageReferenceIssue(ref: string): string | null {
  if (ref.trim() === '') return 'Image is required.';
  if (ref.length > MAX_IMAGE_REFERENCE_LENGTH) return `Image reference is ${ref.length} characters long; Docker accepts at most ${MAX_IMAGE_REFERENCE_LENGTH} (a name of ${MAX_IMAGE_NAME_LENGTH}, a tag and a digest).`;
  const { repository, tag, digest } = splitImageReference(ref);
  const normalized = normalizedImageName(repository);
  if (normalized.length > MAX_IMAGE_NAME_LENGTH) {
    return `Image name is ${normalized.length} characters long as Docker counts it (${normalized.slice(0, 24)}...); the limit is ${MAX_IMAGE_NAME_LENGTH}.`;
  }
  if (/[A-Z]/.test(repository)) return `Image repository "${repository}" must be lowercase.`;
  if (!REPOSITORY.test(repository)) {
    return `Image "${ref}" must look like repository[:tag][@sha256:digest], for example iad.ocir.io/namespace/repository:1.0.`;
  }
  if (tag !== undefined && !TAG.test(tag)) {
    return `Image tag "${tag}" must be 1 to 128 letters, digits, underscores, periods or dashes, not starting with a period or dash.`;
  }
  if (digest !== undefined && !DIGEST.test(digest)) return `Image digest in "${ref}" ${DIGEST_RULE}.`;
  return null;
}

export function parseImageReference(ref: string): ImageReference | null {
  return imageReferenceIssue(ref) === null ? splitImageReference(ref) : null;
}

export const imageReferenceSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'Image is required.' : 'Image must be text.') })
  .superRefine((ref, ctx) => {
    const issue = imageReferenceIssue(ref);
    if (issue) ctx.addIssue({ code: 'custom', message: issue });
  });

export const imageDigestSchema = z
  .string({ error: 'Image digest must be text.' })
  .regex(DIGEST, `Image digest ${DIGEST_RULE}.`);

export const MAX_CUSTOM_HTTP_ENDPOINTS = 15;

export const customHttpEndpointsSchema = z
  .array(
    z.strictObject({
      endpointUriSuffix: z.string().trim().min(1, 'Endpoint URI suffix is required.'),
      httpMethods: z
        .array(z.enum(['GET', 'PUT', 'POST', 'DELETE', 'HEAD'], { error: 'HTTP method must be GET, PUT, POST, DELETE or HEAD.' }))
        .min(1, 'Choose at least one HTTP method.'),
    }),
  )
  .max(MAX_CUSTOM_HTTP_ENDPOINTS, `At most ${MAX_CUSTOM_HTTP_ENDPOINTS} custom HTTP endpoints are allowed.`);

export const imageSignatureIdSchema = ocidSchema();

// ---- Environment configuration blocks ---------------------------------------------------------

const predictApiSpecificationSchema = z.string().trim().min(1, 'Predict API specification must not be empty.');

// Every container field but the environment variables, which a DEFAULT environment has too.
const CONTAINER_ONLY_FIELDS = OCIR_KEYS.filter((k) => k !== 'environmentVariables');

interface OcirLike {
  image?: string | null;
  imageDigest?: string | null;
  cmd?: string[] | null;
  entrypoint?: string[] | null;
}

function checkOcir(v: OcirLike, ctx: z.RefinementCtx): void {
  const size = commandSizeIssue(v.cmd, v.entrypoint);
  if (size) ctx.addIssue({ code: 'custom', message: size, path: [v.cmd?.length ? 'cmd' : 'entrypoint'] });
  const embedded = v.image ? splitImageReference(v.image).digest : undefined;
  if (embedded && v.imageDigest && embedded !== v.imageDigest) {
    ctx.addIssue({ code: 'custom', message: 'imageDigest does not match the digest written in image.', path: ['imageDigest'] });
  }
}

export const defaultEnvironmentConfigurationSchema = z.strictObject({
  environmentConfigurationType: z.literal('DEFAULT'),
  environmentVariables: environmentVariablesSchema.optional(),
});

export const ocirEnvironmentConfigurationSchema = z
  .strictObject({
    environmentConfigurationType: z.literal('OCIR_CONTAINER'),
    image: imageReferenceSchema,
    imageDigest: imageDigestSchema.optional(),
    imageSignatureId: imageSignatureIdSchema.optional(),
    cmd: commandListSchema.optional(),
    entrypoint: commandListSchema.optional(),
    serverPort: containerPortSchema.optional(),
    healthCheckPort: containerPortSchema.optional(),
    environmentVariables: environmentVariablesSchema.optional(),
    predictApiSpecification: predictApiSpecificationSchema.optional(),
    customHttpEndpoints: customHttpEndpointsSchema.optional(),
  })
  .superRefine(checkOcir);

const ENV_TYPE_ERROR = 'environmentConfigurationType must be DEFAULT or OCIR_CONTAINER.';

export const environmentConfigurationSchema = z.discriminatedUnion(
  'environmentConfigurationType',
  [defaultEnvironmentConfigurationSchema, ocirEnvironmentConfigurationSchema],
  { error: ENV_TYPE_ERROR },
);

// In an update a field that is absent or null keeps its value (seed 001), so every field is
// nullish; image and imageDigest cannot be erased with an empty string.
const notErased = (field: string) =>
  z.string().refine((v) => v.trim() !== '', {
    error: `${field} cannot be erased: omit it or send null to keep the current value.`,
    abort: true,
  });

export const updateEnvironmentConfigurationSchema = z
  .strictObject({
    environmentConfigurationType: z.enum(['DEFAULT', 'OCIR_CONTAINER'], { error: ENV_TYPE_ERROR }).nullish(),
    image: notErased('image').pipe(imageReferenceSchema).nullish(),
    imageDigest: notErased('imageDigest').pipe(imageDigestSchema).nullish(),
    imageSignatureId: imageSignatureIdSchema.nullish(),
    cmd: commandListSchema.nullish(),
    entrypoint: commandListSchema.nullish(),
    serverPort: containerPortSchema.nullish(),
    healthCheckPort: containerPortSchema.nullish(),
    environmentVariables: environmentVariablesSchema.nullish(),
    predictApiSpecification: predictApiSpecificationSchema.nullish(),
    customHttpEndpoints: customHttpEndpointsSchema.nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.environmentConfigurationType === 'DEFAULT') {
      for (const field of CONTAINER_ONLY_FIELDS) {
        if (v[field] != null) {
          ctx.addIssue({ code: 'custom', message: `${field} can only be set when environmentConfigurationType is OCIR_CONTAINER.`, path: [field] });
        }
      }
    }
    checkOcir(v, ctx);
  });
