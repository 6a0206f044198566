import { RUNTIME_ENVIRONMENTS, findRuntime } from './runtimes';

// The conda `uri` of an ADS/MLflow deployment spec (seed 003) names the inference environment.
// A service environment is named by its slug, alone or as the last part of a service pack path
// (oci://service-conda-packs@<namespace>/service_pack/cpu/<name>/<version>/<slug>); anything else
// under oci:// is a published environment in the user's bucket; an object (name, destination...)
// asks the MLflow plugin to build one from the artifact's conda.yaml.

export type CondaEnvironment =
  | { kind: 'service'; slug: string; pythonVersion: string }
  | { kind: 'published'; uri: string; pythonVersion?: string }
  | { kind: 'build'; name: string; destination?: string };

export type CondaUriVerdict =
  | { ok: true; environment: CondaEnvironment; refusal?: string }
  | { ok: false; error: string };

const SERVICE_BUCKET = 'service-conda-packs@';
const SLUG = /^[a-z0-9_]+$/i;

const known = () => RUNTIME_ENVIRONMENTS.map((r) => r.slug).join(', ');

function serviceSlug(uri: string): string | null {
  if (SLUG.test(uri)) return uri;
  const path = uri.startsWith('oci://') ? uri.slice('oci://'.length) : uri;
  if (uri.startsWith('oci://') && !path.startsWith(SERVICE_BUCKET)) return null;
  if (!uri.startsWith('oci://') && !path.startsWith('service_pack/')) return null;
  const last = path.replace(/\/+$/, '').split('/').pop() ?? '';
  return SLUG.test(last) ? last : null;
}

/** What a string conda uri names; `refusal` says why the local provider cannot serve it. */
export function condaEnvironmentFromUri(uri: string, pythonVersion: string | undefined): CondaUriVerdict {
  const trimmed = uri.trim();
  if (trimmed === '') return { ok: false, error: 'The conda uri is empty: give a service environment slug or an oci:// path.' };
  const slug = serviceSlug(trimmed);
  if (slug !== null) {
    const runtime = findRuntime(slug);
    if (!runtime) return { ok: false, error: `Unknown service conda environment "${slug}". Known environments: ${known()}.` };
    if (pythonVersion !== undefined && !sameMinor(pythonVersion, runtime.pythonVersion)) {
      return { ok: false, error: `pythonVersion ${pythonVersion} does not match ${slug}, which has Python ${runtime.pythonVersion}.` };
    }
    return { ok: true, environment: { kind: 'service', slug, pythonVersion: runtime.pythonVersion } };
  }
  if (!/^oci:\/\/[^@/]+@[^/]+\/.+/.test(trimmed)) {
    return { ok: false, error: `The conda uri "${trimmed}" is neither a service environment slug nor an oci://bucket@namespace/path of a published environment.` };
  }
  return {
    ok: true,
    environment: { kind: 'published', uri: trimmed, ...(pythonVersion !== undefined ? { pythonVersion } : {}) },
    refusal: `The local provider cannot serve the published conda environment ${trimmed}: it has no access to Object Storage and serves only its service environments (${known()}).`,
  };
}

export function condaEnvironmentToBuild(name: string, destination: string | undefined): CondaUriVerdict {
  return {
    ok: true,
    environment: { kind: 'build', name, ...(destination !== undefined ? { destination } : {}) },
    refusal: `The local provider cannot build and publish the conda environment "${name}" from the artifact's conda.yaml; name a service environment (${known()}) instead.`,
  };
}

/** "3.11.4" matches "3.11"; so does "3.11". */
const sameMinor = (given: string, runtime: string) => given.split('.').slice(0, 2).join('.') === runtime.split('.').slice(0, 2).join('.');
