import type { ModelDeploymentConfigurationDetails } from './oci-types';

// Environment variables that hold secrets: which ones they are, how they are shown, and how a
// stored configuration refers to a value kept apart from it. Pure: storage is the provider's.

/** What the console and its API show in place of a secret's value. */
export const SECRET_MASK = '••••';

/** A stored configuration holds this in place of a secret's value; the value lives in its own table. */
export const SECRET_REF_PREFIX = 'berth-secret:';

// OCI-SPEC and the issue: *PASSWORD*, *SECRET*, *TOKEN*, *KEY*, in any case (api_key, Db_Password).
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|KEY/i;

/** True for a variable whose name says it holds a secret. */
export const isSecretName = (name: string): boolean => SECRET_NAME.test(name);

export const isSecretRef = (value: string): boolean => value.startsWith(SECRET_REF_PREFIX);
export const secretRef = (id: string): string => `${SECRET_REF_PREFIX}${id}`;
export const secretRefId = (value: string): string | null => (isSecretRef(value) ? value.slice(SECRET_REF_PREFIX.length) : null);

/** Secret by its name, by a user's mark (stored as a reference), or by both. */
export const isSecretVariable = (name: string, value: string): boolean => isSecretName(name) || isSecretRef(value);

/** The variables as the console shows them: every secret's value is the mask. */
export function maskEnvironmentVariables(vars: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, isSecretVariable(k, v) ? SECRET_MASK : v]));
}

/** A configuration with its environment variables masked; the rest untouched (and not copied). */
export function maskConfiguration<C extends ModelDeploymentConfigurationDetails | null | undefined>(config: C): C {
  const env = config?.environmentConfigurationDetails;
  if (!config || !env?.environmentVariables) return config;
  return { ...config, environmentConfigurationDetails: { ...env, environmentVariables: maskEnvironmentVariables(env.environmentVariables) } };
}

// Shorter values would blank ordinary words and numbers all over a log; a secret that short is
// no secret anyway.
const MIN_REDACTED_LENGTH = 4;

/** Replaces every occurrence of the secret values in a text (a log line, an error) with the mask. */
export function redactSecrets(text: string, values: Iterable<string>): string {
  let out = text;
  // Longest first, so a value that contains another is replaced whole.
  const sorted = [...new Set(values)].filter((v) => v.length >= MIN_REDACTED_LENGTH).sort((a, b) => b.length - a.length);
  for (const v of sorted) if (out.includes(v)) out = out.split(v).join(SECRET_MASK);
  return out;
}

/**
 * A copy of a value (an error with its excerpt, a log record) with the secret values masked in
 * every string it holds, however deep.
 */
export function redactDeep<T>(value: T, values: readonly string[]): T {
  if (values.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactSecrets(v, values);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
