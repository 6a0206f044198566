import type { MetricExpressionRule } from '@/server/domain/oci-types';
import { countsOfDetails } from '@/server/domain/scaling-instances';
import { describeBounds, describeRule } from '@/server/domain/scaling-summary';
import type { FieldChange } from '@/server/domain/shallow-merge';

// Words for the diff table: which field (as the form calls it) and its values in plain text.

const CONFIG = 'modelDeploymentConfigurationDetails';
const MODEL = `${CONFIG}.modelConfigurationDetails`;
const ENV = `${CONFIG}.environmentConfigurationDetails`;
const SHAPE_CONFIG = `${MODEL}.instanceConfiguration.modelDeploymentInstanceShapeConfigDetails`;

const LABELS: Record<string, string> = {
  displayName: 'Name',
  description: 'Description',
  freeformTags: 'Free-form tags',
  definedTags: 'Defined tags',
  'categoryLogDetails.access.logId': 'Access log',
  'categoryLogDetails.access.logGroupId': 'Access log group',
  'categoryLogDetails.predict.logId': 'Predict log',
  'categoryLogDetails.predict.logGroupId': 'Predict log group',
  [`${MODEL}.modelId`]: 'Model',
  [`${MODEL}.instanceConfiguration.instanceShapeName`]: 'Shape',
  [`${MODEL}.instanceConfiguration.subnetId`]: 'Subnet',
  [`${MODEL}.instanceConfiguration.networkAccessType`]: 'Networking',
  [`${SHAPE_CONFIG}.ocpus`]: 'OCPUs',
  [`${SHAPE_CONFIG}.memoryInGBs`]: 'Memory (GB)',
  [`${SHAPE_CONFIG}.cpuBaseline`]: 'CPU baseline',
  [`${MODEL}.scalingPolicy.policyType`]: 'Scaling policy',
  [`${MODEL}.scalingPolicy.instanceCount`]: 'Number of instances',
  [`${MODEL}.scalingPolicy.coolDownInSeconds`]: 'Cooldown (seconds)',
  [`${MODEL}.scalingPolicy.isEnabled`]: 'Autoscaling enabled',
  [`${MODEL}.scalingPolicy.autoScalingPolicies`]: 'Autoscaling bounds and rules',
  [`${MODEL}.bandwidthMbps`]: 'Load balancer bandwidth (Mbps)',
  [`${MODEL}.maximumBandwidthMbps`]: 'Maximum load balancer bandwidth (Mbps)',
  [`${ENV}.environmentConfigurationType`]: 'Runtime',
  [`${ENV}.image`]: 'Container image',
  [`${ENV}.imageDigest`]: 'Image digest',
  [`${ENV}.cmd`]: 'CMD',
  [`${ENV}.entrypoint`]: 'Entrypoint',
  [`${ENV}.serverPort`]: 'Server port',
  [`${ENV}.healthCheckPort`]: 'Health check port',
  [`${ENV}.environmentVariables`]: 'Environment variables',
  [`${ENV}.customHttpEndpoints`]: 'Custom HTTP endpoints',
  [`${ENV}.predictApiSpecification`]: 'Predict API specification',
};

const ENV_TYPES: Record<string, string> = { DEFAULT: 'Conda environment', OCIR_CONTAINER: 'Custom container' };
const POLICY_TYPES: Record<string, string> = { FIXED_SIZE: 'Fixed size', AUTOSCALING: 'Autoscaling' };

interface PolicyDetailsLike {
  minimumInstanceCount: number;
  maximumInstanceCount: number;
  initialInstanceCount: number;
  rules?: MetricExpressionRule[];
}

/** The policy in words ("1 to 4 instances, starting at 1; CPU utilization: out by 1 at >= 70 % ..."), not its JSON. */
function policyWords(p: PolicyDetailsLike): string {
  return [describeBounds(countsOfDetails(p)), ...(p.rules ?? []).map(describeRule)].join('; ') + '.';
}

/** "modelDeploymentConfigurationDetails.modelConfigurationDetails.bandwidthMbps" -> "Load balancer bandwidth (Mbps)". */
export function fieldLabel(path: string): string {
  const known = LABELS[path];
  if (known) return known;
  const last = path.slice(path.lastIndexOf('.') + 1);
  const words = last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface FormatContext {
  modelName?: (id: string) => string | undefined;
}

export const NOT_SET = '—';

export function formatValue(path: string, value: unknown, ctx: FormatContext = {}): string {
  if (value === undefined || value === null) return NOT_SET;
  if (path.endsWith('.modelId') && typeof value === 'string') return ctx.modelName?.(value) ?? value;
  if (path.endsWith('.environmentConfigurationType') && typeof value === 'string') return ENV_TYPES[value] ?? value;
  if (path.endsWith('.scalingPolicy.policyType') && typeof value === 'string') return POLICY_TYPES[value] ?? value;
  if (path.endsWith('.scalingPolicy.isEnabled') && typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (path.endsWith('.scalingPolicy.autoScalingPolicies') && Array.isArray(value)) return value.map(policyWords).join(' ');
  if (Array.isArray(value)) return value.length === 0 ? '(empty list)' : value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' ');
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '(none)';
    return entries.map(([k, v]) => (typeof v === 'object' && v !== null ? `${k}: ${formatValue('', v)}` : `${k}=${String(v)}`)).join(', ');
  }
  // A primitive by now: null, undefined, arrays and objects returned above.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  return String(value);
}

export interface ChangeRow {
  path: string;
  label: string;
  before: string;
  after: string;
  kind: FieldChange['kind'];
}

// A deployment without an environment block already runs the default (conda) environment, so
// the block appearing with its type DEFAULT is no change a person would recognise.
const invisible = (c: FieldChange) => c.path.endsWith('.environmentConfigurationType') && c.before == null && c.after === 'DEFAULT';

export function changeRows(changes: readonly FieldChange[], ctx: FormatContext = {}): ChangeRow[] {
  return changes.filter((c) => !invisible(c)).map((c) => ({
    path: c.path,
    label: fieldLabel(c.path),
    before: formatValue(c.path, c.before, ctx),
    after: formatValue(c.path, c.after, ctx),
    kind: c.kind,
  }));
}
