import { OCI_COOL_DOWN_SECONDS } from './cool-down';
import type { ArtifactIntrospectionState } from './artifact-introspection';
import { formatDecimalGigabytes } from './bytes';
import { BANDWIDTH_MAX_MBPS, BANDWIDTH_MIN_MBPS, bandwidthMbpsOf } from './load-balancer';
import type { ModelDeployment, ModelDeploymentShapeSummary } from './oci-types';
import { instanceCountsOf } from './scaling-instances';
import { isSecretVariable } from './secrets';

// The pre-flight of "Promote to OCI": from what is known of a local deployment and of the chosen
// OCI context, each thing that will differ or fail there, judged before anything is created.
// Pure: the promotion service gathers the inputs through the providers.

export type PreflightVerdict = 'pass' | 'warn' | 'fail';

export type PreflightItemId =
  | 'promoted'
  | 'target'
  | 'shape'
  | 'image'
  | 'conda'
  | 'artifact-size'
  | 'bandwidth'
  | 'scaling'
  | 'logging'
  | 'variables'
  | 'follow'
  | 'tags'
  | 'policies';

export interface PreflightItem {
  id: PreflightItemId;
  label: string;
  verdict: PreflightVerdict;
  detail: string;
}

export interface PromotionTarget {
  contextLabel: string;
  region: string;
  /** The chosen compartment, or null when the target does not list it. */
  compartment: { id: string; name: string } | null;
  /** The chosen project as the target answered it, or why it could not be read. */
  project: { id: string; displayName: string; compartmentId: string; lifecycleState: string } | { error: string };
  /** listModelDeploymentShapes in the compartment, or why it could not be listed. */
  shapes: ModelDeploymentShapeSummary[] | { error: string };
  /** The target lists OCIR's images and digests (oci-artifacts). */
  ocir: boolean;
}

export interface PromotionPreflightInput {
  deployment: ModelDeployment;
  /** The model's artifact: its size and what its introspection found; null without one. */
  artifact: { sizeInBytes: number; introspection: ArtifactIntrospectionState } | null;
  /** Defined tags of the deployment and its model (namespace.key), which the target cannot take. */
  definedTagKeys: string[];
  target: PromotionTarget;
  /** Where the deployment was promoted before, if it was. */
  promoted: { contextLabel: string; targetDeploymentId: string } | null;
}

/** OCI's artifact limits (OCI-SPEC A.2): direct upload under 2 GB; 2-6 GB through Object Storage. */
export const ARTIFACT_DIRECT_MAX_BYTES = 2 * 1000 ** 3;
export const ARTIFACT_MAX_BYTES = 6 * 1000 ** 3;

const OCIR_IMAGE = /^[a-z0-9-]+\.ocir\.io\/[^/\s]+\/[^\s]+$/;

const gb = formatDecimalGigabytes;
const item = (id: PreflightItemId, label: string, verdict: PreflightVerdict, detail: string): PreflightItem => ({ id, label, verdict, detail });

function targetItem(t: PromotionTarget): PreflightItem {
  const label = 'Compartment and project';
  if (!t.compartment) return item('target', label, 'fail', `The compartment is not one ${t.contextLabel} lists.`);
  const where = `compartment ${t.compartment.name} (${t.compartment.id})`;
  if ('error' in t.project) return item('target', label, 'fail', `The project cannot be read in ${t.contextLabel}: ${t.project.error}`);
  if (t.project.compartmentId !== t.compartment.id) return item('target', label, 'fail', `Project ${t.project.displayName} is not in ${where}.`);
  if (t.project.lifecycleState !== 'ACTIVE') return item('target', label, 'fail', `Project ${t.project.displayName} is ${t.project.lifecycleState}; only an ACTIVE project takes new models.`);
  return item('target', label, 'pass', `The model and deployment go to project ${t.project.displayName} (${t.project.id}) in ${where}, ${t.contextLabel}.`);
}

function shapeItem(d: ModelDeployment, t: PromotionTarget): PreflightItem {
  const mc = d.modelDeploymentConfigurationDetails?.modelConfigurationDetails;
  const name = mc?.instanceConfiguration.instanceShapeName ?? '';
  const label = `Shape ${name}`;
  if ('error' in t.shapes) return item('shape', label, 'fail', `The shapes of ${t.region} cannot be listed: ${t.shapes.error}`);
  const shape = t.shapes.find((s) => s.name === name);
  if (!shape) {
    const offered = t.shapes.map((s) => s.name).join(', ') || 'none';
    return item('shape', label, 'fail', `${t.contextLabel} (${t.region}) offers no ${name} for model deployments. It offers: ${offered}. Edit the deployment to one of them first.`);
  }
  const config = mc?.instanceConfiguration.modelDeploymentInstanceShapeConfigDetails;
  if (config?.ocpus !== undefined && config.ocpus > shape.coreCount) return item('shape', label, 'fail', `${config.ocpus} OCPUs is more than ${name} has in ${t.region} (${shape.coreCount}).`);
  if (config?.memoryInGBs !== undefined && config.memoryInGBs > shape.memoryInGBs) return item('shape', label, 'fail', `${config.memoryInGBs} GB of memory is more than ${name} has in ${t.region} (${shape.memoryInGBs} GB).`);
  const most = instanceCountsOf(mc?.scalingPolicy).maximum;
  const size = config?.ocpus !== undefined ? `${config.ocpus} OCPU, ${config.memoryInGBs ?? '?'} GB` : `${shape.coreCount} OCPU, ${shape.memoryInGBs} GB`;
  return item('shape', label, 'pass', `Offered in ${t.region}, and ${size} fits it (up to ${shape.coreCount} OCPU, ${shape.memoryInGBs} GB). Your tenancy's service limit for ${most} instance${most === 1 ? '' : 's'} of it cannot be read from here (no Limits API); OCI refuses the create if it is used up.`);
}

function environmentItem(d: ModelDeployment, artifact: PromotionPreflightInput['artifact'], t: PromotionTarget): PreflightItem {
  const env = d.modelDeploymentConfigurationDetails?.environmentConfigurationDetails;
  if (env?.environmentConfigurationType === 'OCIR_CONTAINER') {
    const image = env.image ?? '';
    const label = `Container image ${image}`;
    if (!OCIR_IMAGE.test(image)) {
      return item('image', label, 'fail', `${image} is an image of this machine. OCI pulls custom containers from OCIR only: push it (docker tag ${image} <region-key>.ocir.io/<namespace>/<repository>:<tag>, then docker push) and edit the deployment to name it there.`);
    }
    const digest = env.imageDigest ? ` The local digest ${env.imageDigest} is the image's id on this machine, not OCIR's manifest digest, so it is not sent: OCI pins the digest it resolves.` : '';
    if (!t.ocir) return item('image', label, 'warn', `Whether ${image} is in OCIR, and its digest there, cannot be checked: this console does not read OCIR (oci-artifacts). OCI checks the image at create; a missing one fails the work request.${digest}`);
    return item('image', label, 'pass', `An OCIR image.${digest}`);
  }
  const label = 'Conda environment';
  if (!artifact) return item('conda', label, 'fail', 'The model has no artifact, so nothing can serve it.');
  const known = artifact.introspection;
  if (known.state === 'uninspected') return item('conda', label, 'warn', "The artifact was stored without being inspected: OCI reads its runtime.yaml when it deploys.");
  if (known.state === 'unreadable') return item('conda', label, 'warn', `The artifact's environment cannot be judged: ${known.reason}.`);
  const facts = known.facts;
  if (facts.scoreDir === null) return item('conda', label, 'fail', "The artifact has no score.py: OCI's conda serving needs one (an MLflow model Berth serves natively is not served so on OCI).");
  if (facts.runtimeError) return item('conda', label, 'fail', `The artifact's ${facts.runtimeError}`);
  const rt = facts.runtime;
  if (!rt) return item('conda', label, 'warn', 'The artifact has no runtime.yaml naming an environment: OCI serves it with its default service environment, which may differ from the local one.');
  if (rt.type === 'published') return item('conda', label, 'warn', `A published environment (${rt.path ?? rt.slug}): it must be in an Object Storage bucket the deployment can read in ${t.region}, which cannot be checked from here.`);
  return item('conda', label, 'pass', `The service environment slug ${rt.slug}${rt.pythonVersion ? ` (Python ${rt.pythonVersion})` : ''}: OCI serves it from its service packs.`);
}

function sizeItem(artifact: PromotionPreflightInput['artifact']): PreflightItem {
  const label = 'Artifact size';
  if (!artifact) return item('artifact-size', label, 'fail', 'The model has no artifact to upload.');
  const size = gb(artifact.sizeInBytes);
  if (artifact.sizeInBytes > ARTIFACT_MAX_BYTES) return item('artifact-size', label, 'fail', `${size} is over OCI's ${gb(ARTIFACT_MAX_BYTES)} for a model artifact.`);
  if (artifact.sizeInBytes > ARTIFACT_DIRECT_MAX_BYTES) return item('artifact-size', label, 'warn', `${size}: OCI advises an Object Storage export above ${gb(ARTIFACT_DIRECT_MAX_BYTES)}; this console uploads it directly, which may take long or time out.`);
  return item('artifact-size', label, 'pass', `${size}, under OCI's ${gb(ARTIFACT_DIRECT_MAX_BYTES)} for a direct upload.`);
}

function bandwidthItem(d: ModelDeployment): PreflightItem {
  const mc = d.modelDeploymentConfigurationDetails?.modelConfigurationDetails;
  const min = bandwidthMbpsOf(mc);
  const max = mc?.maximumBandwidthMbps;
  const label = 'Load balancer bandwidth';
  const range = `${BANDWIDTH_MIN_MBPS}-${BANDWIDTH_MAX_MBPS} Mbps`;
  if (min < BANDWIDTH_MIN_MBPS || min > BANDWIDTH_MAX_MBPS) return item('bandwidth', label, 'fail', `${min} Mbps is outside OCI's ${range}.`);
  if (max !== undefined && (max <= min || max > 2 * min || max > BANDWIDTH_MAX_MBPS)) return item('bandwidth', label, 'fail', `A maximum of ${max} Mbps must be above ${min} Mbps and at most twice it (and within ${range}).`);
  return item('bandwidth', label, 'pass', `${min} Mbps${max !== undefined ? ` up to ${max} Mbps` : ''}, within OCI's ${range}.`);
}

function scalingItem(d: ModelDeployment): PreflightItem | null {
  const policy = d.modelDeploymentConfigurationDetails?.modelConfigurationDetails.scalingPolicy;
  if (policy?.policyType !== 'AUTOSCALING') return null;
  const label = 'Autoscaling';
  const cool = policy.coolDownInSeconds ?? OCI_COOL_DOWN_SECONDS;
  if (cool < OCI_COOL_DOWN_SECONDS) return item('scaling', label, 'warn', `The cool-down of ${cool} s is below OCI's ${OCI_COOL_DOWN_SECONDS} s minimum; it is raised to ${OCI_COOL_DOWN_SECONDS} s there.`);
  return item('scaling', label, 'pass', 'The autoscaling policy is carried as it is.');
}

function loggingItem(d: ModelDeployment): PreflightItem {
  const logs = d.categoryLogDetails;
  const label = 'Logging';
  if (!logs?.access && !logs?.predict) {
    return item('logging', label, 'warn', 'No OCI Logging is configured: the OCI deployment keeps no access or predict logs (the local ones are read from the containers). Add a log group and logs on its Edit page in OCI to keep them.');
  }
  const which = [logs.access ? `access ${logs.access.logId}` : null, logs.predict ? `predict ${logs.predict.logId}` : null].filter(Boolean).join(', ');
  return item('logging', label, 'warn', `The logs (${which}) are carried as given; whether they exist in the target cannot be checked without OCI Logging (oci-logging).`);
}

function variablesItem(d: ModelDeployment): PreflightItem | null {
  const vars = d.modelDeploymentConfigurationDetails?.environmentConfigurationDetails?.environmentVariables ?? {};
  const secret = Object.entries(vars).filter(([k, v]) => isSecretVariable(k, v)).map(([k]) => k);
  if (secret.length === 0) return null;
  return item('variables', 'Secret variables', 'warn', `${secret.join(', ')} ${secret.length === 1 ? 'is' : 'are'} not carried: OCI keeps a deployment's variables in plain text. Keep the value in OCI Vault and set it on the OCI deployment.`);
}

function followItem(d: ModelDeployment): PreflightItem | null {
  if (!d.berthFollow) return null;
  const set = d.berthFollow.modelVersionSetName ?? d.berthFollow.modelVersionSetId;
  return item('follow', 'Version label', 'warn', `Here it follows the label ${d.berthFollow.versionLabel} of ${set}; OCI deployments follow no label, so the OCI one serves the model it serves now.`);
}

function tagsItem(keys: string[]): PreflightItem {
  if (keys.length === 0) return item('tags', 'Tags', 'pass', 'Freeform tags are carried, with berth-promoted-from naming the local deployment.');
  return item('tags', 'Tags', 'warn', `Defined tags (${keys.join(', ')}) are not carried: the target's tag namespaces cannot be read from here. Freeform tags are, with berth-promoted-from naming the local deployment.`);
}

/** The policy statements a user needs in the target, as text: they cannot be read without oci-identity. */
export function requiredPolicies(d: ModelDeployment, compartmentName: string): string[] {
  const env = d.modelDeploymentConfigurationDetails?.environmentConfigurationDetails;
  const c = `compartment ${compartmentName}`;
  return [
    `allow group <your group> to manage data-science-family in ${c}`,
    ...(env?.environmentConfigurationType === 'OCIR_CONTAINER' ? [`allow group <your group> to read repos in ${c}`, `allow dynamic-group <deployments> to read repos in ${c}`] : []),
    ...(d.categoryLogDetails?.access || d.categoryLogDetails?.predict ? [`allow group <your group> to use log-content in ${c}`] : []),
  ];
}

function policiesItem(d: ModelDeployment, t: PromotionTarget): PreflightItem {
  const statements = requiredPolicies(d, t.compartment?.name ?? '<compartment>');
  return item('policies', 'Policies', 'warn', `Needed in ${t.contextLabel}, which cannot be checked from here (OCI answers 404 NotAuthorizedOrNotFound when one is missing): ${statements.join('; ')}.`);
}

/** Every item of the pre-flight, in the order the dialog lists them. */
export function promotionPreflight(input: PromotionPreflightInput): PreflightItem[] {
  const { deployment: d, target: t } = input;
  const promoted = input.promoted ? [item('promoted', 'Not promoted yet', 'fail', `Promoted already to ${input.promoted.contextLabel}: ${input.promoted.targetDeploymentId}.`)] : [];
  return [
    ...promoted,
    targetItem(t),
    shapeItem(d, t),
    environmentItem(d, input.artifact, t),
    sizeItem(input.artifact),
    bandwidthItem(d),
    ...[scalingItem(d)].filter((i): i is PreflightItem => i !== null),
    loggingItem(d),
    ...[variablesItem(d), followItem(d)].filter((i): i is PreflightItem => i !== null),
    tagsItem(input.definedTagKeys),
    policiesItem(d, t),
  ];
}

/** A failing item blocks Promote; warnings do not. */
export const preflightBlocks = (items: readonly PreflightItem[]): boolean => items.some((i) => i.verdict === 'fail');
