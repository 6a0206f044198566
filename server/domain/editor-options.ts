import type { ArtifactIntrospectionState } from './artifact-introspection';
import type { ArtifactVerdict } from './artifact-verdict';
import type { PriceTable } from './cost/price-table';
import type { HostCapacity } from './fit-resources';
import type { Reservation } from './host-reservation';
import type { ModelDeployment } from './oci-types';
import { DEFAULT_RUNTIME_SLUG, findRuntime } from './runtimes';

// What the create and edit forms of a model deployment choose from: the project's models with
// the environment that would serve each, the local images for a custom container, the host the
// shapes are fitted to. Built by the deployment-editor service, read by the wizard.

export type ModelRuntime =
  | { kind: 'conda'; slug: string; name: string; pythonVersion: string; source: 'runtime.yaml' | 'default'; note?: string }
  | { kind: 'unavailable'; reason: string }
  /** The provider keeps the artifact without inspecting it (OCI): its service reads runtime.yaml when it deploys. */
  | { kind: 'service' };

/** An artifact the provider stored without looking inside: nothing is known of score.py or runtime.yaml. */
export const isUninspected = (introspection: ArtifactIntrospectionState): boolean => introspection.state === 'uninspected';

export interface ModelOption {
  id: string;
  displayName: string;
  lifecycleState: string;
  timeCreated: string;
  runtime: ModelRuntime;
  /** The artifact checks of the model's artifact; null without an artifact. */
  checks: ArtifactVerdict | null;
  /** Its version set and label, when it is in one: a deployment may follow the label instead. */
  version?: { modelVersionSetId: string; modelVersionSetName: string; versionId: number; versionLabel?: string };
}

export interface LocalImage {
  /** repository:tag, as a deployment names it. */
  reference: string;
  /** The image id (sha256 of its config): the local digest that pins a deployment. */
  digest: string;
  created: string;
  sizeBytes: number;
}

export interface EditorData {
  project: { id: string; displayName: string; compartmentId: string };
  models: ModelOption[];
  images: LocalImage[];
  /** Why the images could not be listed (the Docker engine or the registry did not answer), or null. */
  imagesError: string | null;
  /** Where the images come from: this machine's engine, or the context's container registry (OCIR). */
  imageSource: 'engine' | 'registry';
  host: HostCapacity | null;
  /** CPU and memory the installation's other deployments hold on the host; null when the host is unknown. */
  reserved: Reservation | null;
  refuseOversizedShapes: boolean;
  /** BERTH_AUTOSCALING_MIN_SECONDS: the console's lower autoscaling minimums (null: OCI's). */
  autoscalingMinSeconds: number | null;
  /** The cost views' price table, or why it could not be read (BERTH_PRICE_TABLE). */
  prices: { ok: true; table: PriceTable } | { ok: false; error: string };
  tagNamespaces: { name: string; keys: string[] }[];
  /** Edit only: the deployment as it is now. */
  deployment?: ModelDeployment;
}

/** Which conda environment serves a model, from what the artifact's introspection found. */
export function modelRuntimeOf(introspection: ArtifactIntrospectionState | null): ModelRuntime {
  if (!introspection) {
    return { kind: 'unavailable', reason: 'This model has no artifact yet: upload one to serve it from a conda environment, or use a custom container image.' };
  }
  if (introspection.state === 'uninspected') return { kind: 'service' };
  if (introspection.state === 'unreadable') return { kind: 'unavailable', reason: `The artifact cannot be served from here: ${introspection.reason}. Upload it again, as a new model.` };
  const facts = introspection.facts;
  if (facts.scoreDir === null) {
    return { kind: 'unavailable', reason: 'The artifact has no score.py, so no conda environment can serve it; use a custom container image.' };
  }
  if (facts.runtimeError) return { kind: 'unavailable', reason: `The artifact's ${facts.runtimeError}` };
  const runtime = facts.runtime;
  if (runtime && runtime.type === 'published') {
    return { kind: 'unavailable', reason: `runtime.yaml names the published conda environment "${runtime.slug}", which the local provider does not have.` };
  }
  const slug = runtime?.slug ?? DEFAULT_RUNTIME_SLUG;
  const env = findRuntime(slug);
  if (!env) return { kind: 'unavailable', reason: `runtime.yaml names the conda environment "${slug}", which does not exist here.` };
  const wanted = runtime?.pythonVersion;
  const note = wanted && !env.pythonVersion.startsWith(wanted) && !wanted.startsWith(env.pythonVersion) ? `runtime.yaml asks for Python ${wanted}; it runs on ${env.pythonVersion}.` : undefined;
  return {
    kind: 'conda',
    slug: env.slug,
    name: env.name,
    pythonVersion: env.pythonVersion,
    source: runtime ? 'runtime.yaml' : 'default',
    ...(note ? { note } : {}),
  };
}

// Images the console builds for itself: conda runtimes and their base, not user containers.
const INTERNAL_REPOSITORIES = [/^berth-runtime\//, /^berth\/debian(:|$)/];

export function isUserImage(reference: string): boolean {
  return reference !== '<none>:<none>' && !INTERNAL_REPOSITORIES.some((re) => re.test(reference));
}
