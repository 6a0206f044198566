// Resource shapes of the OCI Data Science API (oci-datascience SDK models), as JSON on the wire:
// times are RFC 3339 strings, not Date objects. Field names, enums and nesting follow the SDK one
// to one so that the local store, the OCI-compatible REST surface and the OCI provider map
// without translation. Only the SINGLE_MODEL deployment type is modelled.

import type { StartupFailure } from './startup-failure';
import type { DeploymentFollow, FollowSetting } from './version-follow';

export type FreeformTags = Record<string, string>;
export type DefinedTags = Record<string, Record<string, unknown>>;

export interface Tagged {
  freeformTags?: FreeformTags;
  definedTags?: DefinedTags;
}

export const PROJECT_LIFECYCLE_STATES = ['ACTIVE', 'DELETING', 'DELETED'] as const;
export type ProjectLifecycleState = (typeof PROJECT_LIFECYCLE_STATES)[number];

export const MODEL_LIFECYCLE_STATES = ['ACTIVE', 'DELETED', 'FAILED', 'INACTIVE'] as const;
export type ModelLifecycleState = (typeof MODEL_LIFECYCLE_STATES)[number];

export const MODEL_DEPLOYMENT_LIFECYCLE_STATES = [
  'CREATING',
  'ACTIVE',
  'DELETING',
  'FAILED',
  'INACTIVE',
  'UPDATING',
  'DELETED',
  'NEEDS_ATTENTION',
] as const;
export type ModelDeploymentLifecycleState = (typeof MODEL_DEPLOYMENT_LIFECYCLE_STATES)[number];

export const COMPARTMENT_LIFECYCLE_STATES = ['CREATING', 'ACTIVE', 'INACTIVE', 'DELETING', 'DELETED'] as const;
export type CompartmentLifecycleState = (typeof COMPARTMENT_LIFECYCLE_STATES)[number];

export interface Compartment extends Tagged {
  id: string;
  /** Null for the root compartment (the tenancy). */
  compartmentId: string | null;
  name: string;
  description: string;
  lifecycleState: CompartmentLifecycleState;
  timeCreated: string;
}

export interface Project extends Tagged {
  id: string;
  timeCreated: string;
  displayName: string;
  description?: string;
  compartmentId: string;
  createdBy: string;
  lifecycleState: ProjectLifecycleState;
  systemTags?: DefinedTags;
}

export interface CreateProjectDetails extends Tagged {
  compartmentId: string;
  displayName?: string;
  description?: string;
}

export interface UpdateProjectDetails extends Tagged {
  displayName?: string;
  description?: string;
}

export interface Metadata {
  key?: string;
  value?: string;
  description?: string;
  category?: string;
  keywords?: string[];
  hasArtifact?: boolean;
}

export interface ModelProvenance {
  repositoryUrl?: string;
  gitBranch?: string;
  gitCommit?: string;
  scriptDir?: string;
  trainingScript?: string;
  trainingId?: string;
}

export interface CreateModelDetails extends Tagged {
  compartmentId: string;
  projectId: string;
  displayName?: string;
  description?: string;
  customMetadataList?: Metadata[];
  definedMetadataList?: Metadata[];
  inputSchema?: string;
  outputSchema?: string;
  versionLabel?: string;
  /** The version set to join: the model gets the next versionId in it. */
  modelVersionSetId?: string;
}

export interface UpdateModelDetails extends Tagged {
  displayName?: string;
  description?: string;
  customMetadataList?: Metadata[];
  definedMetadataList?: Metadata[];
  /** Blank removes the label. */
  versionLabel?: string;
  /** Joins a set; a model already in one cannot move to another. */
  modelVersionSetId?: string;
}

export interface Model extends Tagged {
  id: string;
  compartmentId: string;
  projectId: string;
  displayName: string;
  description?: string;
  lifecycleState: ModelLifecycleState;
  lifecycleDetails?: string;
  timeCreated: string;
  createdBy: string;
  customMetadataList?: Metadata[];
  definedMetadataList?: Metadata[];
  inputSchema?: string;
  outputSchema?: string;
  versionLabel?: string;
  modelVersionSetId?: string;
  modelVersionSetName?: string;
  versionId?: number;
  category?: 'USER' | 'SERVICE';
}

// ---- Model deployment configuration -------------------------------------------------------

export const CPU_BASELINES = ['BASELINE_1_8', 'BASELINE_1_2', 'BASELINE_1_1'] as const;
export type CpuBaseline = (typeof CPU_BASELINES)[number];

export interface ModelDeploymentInstanceShapeConfigDetails {
  ocpus?: number;
  memoryInGBs?: number;
  cpuBaseline?: CpuBaseline;
}

export const NETWORK_ACCESS_TYPES = [
  'MANAGED_NETWORKING_NO_INTERNET_ACCESS',
  'MANAGED_NETWORKING_INTERNET_ACCESS',
  'CUSTOM_NETWORKING',
] as const;
export type NetworkAccessType = (typeof NETWORK_ACCESS_TYPES)[number];

export interface InstanceConfiguration {
  instanceShapeName: string;
  modelDeploymentInstanceShapeConfigDetails?: ModelDeploymentInstanceShapeConfigDetails;
  subnetId?: string;
  privateEndpointId?: string;
  networkAccessType?: NetworkAccessType;
}

export interface FixedSizeScalingPolicy {
  policyType: 'FIXED_SIZE';
  instanceCount: number;
}

export interface ScalingConfiguration {
  scalingConfigurationType: 'THRESHOLD' | 'QUERY';
  threshold?: number;
  query?: string;
  pendingDuration?: string;
  instanceCountAdjustment?: number;
}

export interface MetricExpressionRule {
  metricExpressionRuleType: 'PREDEFINED_EXPRESSION' | 'CUSTOM_EXPRESSION';
  metricType?: 'CPU_UTILIZATION' | 'MEMORY_UTILIZATION';
  scaleInConfiguration: ScalingConfiguration;
  scaleOutConfiguration: ScalingConfiguration;
}

export interface ThresholdBasedAutoScalingPolicyDetails {
  autoScalingPolicyType: 'THRESHOLD';
  rules: MetricExpressionRule[];
  minimumInstanceCount: number;
  maximumInstanceCount: number;
  initialInstanceCount: number;
}

export interface AutoScalingPolicy {
  policyType: 'AUTOSCALING';
  coolDownInSeconds?: number;
  isEnabled?: boolean;
  autoScalingPolicies: ThresholdBasedAutoScalingPolicyDetails[];
}

export type ScalingPolicy = FixedSizeScalingPolicy | AutoScalingPolicy;

export interface ModelConfigurationDetails {
  modelId: string;
  instanceConfiguration: InstanceConfiguration;
  scalingPolicy?: ScalingPolicy;
  bandwidthMbps?: number;
  maximumBandwidthMbps?: number;
}

export type EnvironmentVariables = Record<string, string>;

export interface DefaultModelDeploymentEnvironmentConfigurationDetails {
  environmentConfigurationType: 'DEFAULT';
  environmentVariables?: EnvironmentVariables;
}

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD';

export interface InferenceHttpEndpoint {
  endpointUriSuffix: string;
  httpMethods: HttpMethod[];
}

export interface OcirModelDeploymentEnvironmentConfigurationDetails {
  environmentConfigurationType: 'OCIR_CONTAINER';
  image?: string;
  imageDigest?: string;
  imageSignatureId?: string;
  cmd?: string[];
  entrypoint?: string[];
  serverPort?: number;
  healthCheckPort?: number;
  environmentVariables?: EnvironmentVariables;
  /** Read-only: injected by the service, never set by the user. */
  defaultEnvironmentVariables?: EnvironmentVariables;
  predictApiSpecification?: string;
  customHttpEndpoints?: InferenceHttpEndpoint[];
}

export type ModelDeploymentEnvironmentConfigurationDetails =
  | DefaultModelDeploymentEnvironmentConfigurationDetails
  | OcirModelDeploymentEnvironmentConfigurationDetails;

export interface SingleModelDeploymentConfigurationDetails {
  deploymentType: 'SINGLE_MODEL';
  modelConfigurationDetails: ModelConfigurationDetails;
  environmentConfigurationDetails?: ModelDeploymentEnvironmentConfigurationDetails;
}

export type ModelDeploymentConfigurationDetails = SingleModelDeploymentConfigurationDetails;

export interface LogDetails {
  logId: string;
  logGroupId: string;
}

export interface CategoryLogDetails {
  access?: LogDetails;
  predict?: LogDetails;
}

export interface ModelDeploymentSystemData {
  systemInfraType: 'INSTANCE_POOL';
  modelType?: 'MANAGED_MODEL';
  currentInstanceCount?: number;
}

export interface ModelDeployment extends Tagged {
  id: string;
  timeCreated: string;
  displayName: string;
  description?: string;
  projectId: string;
  createdBy: string;
  compartmentId: string;
  modelDeploymentConfigurationDetails?: ModelDeploymentConfigurationDetails;
  categoryLogDetails?: CategoryLogDetails;
  modelDeploymentUrl: string;
  modelDeploymentSystemData?: ModelDeploymentSystemData;
  lifecycleState: ModelDeploymentLifecycleState;
  lifecycleDetails?: string;
  /** Berth's: the version label the deployment follows, and why it last changed model. */
  berthFollow?: DeploymentFollow;
}

export type ModelDeploymentSummary = Omit<ModelDeployment, 'lifecycleDetails'>;

export interface CreateModelDeploymentDetails extends Tagged {
  displayName?: string;
  description?: string;
  projectId: string;
  compartmentId: string;
  modelDeploymentConfigurationDetails: ModelDeploymentConfigurationDetails;
  categoryLogDetails?: CategoryLogDetails;
  /** Berth's: variables to keep secret beyond those whose names say so (*PASSWORD*, *KEY*...). */
  secretEnvironmentVariables?: string[];
  /** Berth's: serve whichever model holds this label in this version set. */
  berthFollow?: FollowSetting;
}

// ---- Updates: every field optional; null means "not given" (seed 001) -------------------------

export type Nullable<T> = { [K in keyof T]?: T[K] | null };

export type UpdateOcirEnvironmentConfigurationDetails = Nullable<
  Omit<OcirModelDeploymentEnvironmentConfigurationDetails, 'defaultEnvironmentVariables' | 'environmentConfigurationType'>
> & { environmentConfigurationType?: 'OCIR_CONTAINER' | null };

export type UpdateDefaultEnvironmentConfigurationDetails = Nullable<
  Omit<DefaultModelDeploymentEnvironmentConfigurationDetails, 'environmentConfigurationType'>
> & { environmentConfigurationType?: 'DEFAULT' | null };

export type UpdateModelDeploymentEnvironmentConfigurationDetails =
  | UpdateOcirEnvironmentConfigurationDetails
  | UpdateDefaultEnvironmentConfigurationDetails;

export interface UpdateModelConfigurationDetails {
  modelId: string;
  instanceConfiguration?: InstanceConfiguration | null;
  scalingPolicy?: ScalingPolicy | null;
  bandwidthMbps?: number | null;
  maximumBandwidthMbps?: number | null;
}

export interface UpdateSingleModelDeploymentConfigurationDetails {
  deploymentType: 'SINGLE_MODEL';
  modelConfigurationDetails?: UpdateModelConfigurationDetails | null;
  environmentConfigurationDetails?: UpdateModelDeploymentEnvironmentConfigurationDetails | null;
}

export interface UpdateModelDeploymentDetails {
  displayName?: string | null;
  description?: string | null;
  modelDeploymentConfigurationDetails?: UpdateSingleModelDeploymentConfigurationDetails | null;
  categoryLogDetails?: CategoryLogDetails | null;
  freeformTags?: FreeformTags | null;
  definedTags?: DefinedTags | null;
  /** Berth's: variables to keep secret beyond those whose names say so (*PASSWORD*, *KEY*...). */
  secretEnvironmentVariables?: string[];
  /** Berth's: follow a version label from now on; `{}` stops following (the model stays). */
  berthFollow?: FollowSetting | Record<string, never>;
}

// ---- Shapes ---------------------------------------------------------------------------------

export const SHAPE_SERIES = ['AMD_ROME', 'INTEL_SKYLAKE', 'NVIDIA_GPU', 'GENERIC', 'LEGACY', 'ARM'] as const;
export type ModelDeploymentShapeSeries = (typeof SHAPE_SERIES)[number];

export interface ModelDeploymentShapeSummary {
  name: string;
  coreCount: number;
  memoryInGBs: number;
  shapeSeries: ModelDeploymentShapeSeries;
}

// ---- Work requests --------------------------------------------------------------------------

export const WORK_REQUEST_STATUSES = ['ACCEPTED', 'IN_PROGRESS', 'FAILED', 'SUCCEEDED', 'CANCELING', 'CANCELED'] as const;
export type WorkRequestStatus = (typeof WORK_REQUEST_STATUSES)[number];
export const TERMINAL_WORK_REQUEST_STATUSES: readonly WorkRequestStatus[] = ['FAILED', 'SUCCEEDED', 'CANCELED'];

export const WORK_REQUEST_OPERATION_TYPES = [
  'MODEL_DEPLOYMENT_CREATE',
  'MODEL_DEPLOYMENT_DELETE',
  'MODEL_DEPLOYMENT_ACTIVATE',
  'MODEL_DEPLOYMENT_DEACTIVATE',
  'MODEL_DEPLOYMENT_UPDATE',
  'PROJECT_DELETE',
  'MODELVERSIONSET_DELETE',
  'EXPORT_MODEL_ARTIFACT',
  'IMPORT_MODEL_ARTIFACT',
  'WORKREQUEST_CANCEL',
  // Berth's own (local provider): a fault injected into a deployment turned on, and its end.
  'MODEL_DEPLOYMENT_FAULT_ON',
  'MODEL_DEPLOYMENT_FAULT_OFF',
  // Berth's own, until identity brings an audit log: a secret's value was read in the console.
  'MODEL_DEPLOYMENT_SECRET_REVEAL',
] as const;
export type WorkRequestOperationType = (typeof WORK_REQUEST_OPERATION_TYPES)[number];

/**
 * Background work of the console itself that runs through the same runner as work requests (one
 * mechanism: queued, serialised per resource, resumed after a restart) but is no work request of
 * any resource: OCI's API and the console's work-request lists never show it.
 */
export const INTERNAL_JOB_TYPES = [
  // A multi-group update run as consecutive updates; each step is an ordinary work request.
  'BERTH_UPDATE_PLAN',
  // An operator's rebuild of a runtime image; its progress is the operations page's build journal.
  'BERTH_RUNTIME_IMAGE_BUILD',
] as const;
export type InternalJobType = (typeof INTERNAL_JOB_TYPES)[number];
export type JobOperationType = WorkRequestOperationType | InternalJobType;

export const isWorkRequestOperation = (op: JobOperationType): op is WorkRequestOperationType => !(INTERNAL_JOB_TYPES as readonly string[]).includes(op);

export type WorkRequestActionType = 'CREATED' | 'UPDATED' | 'DELETED' | 'RELATED' | 'IN_PROGRESS';

export interface WorkRequestResource {
  actionType: WorkRequestActionType;
  entityType: string;
  identifier: string;
  entityUri?: string;
}

export interface WorkRequest {
  id: string;
  operationType: WorkRequestOperationType;
  status: WorkRequestStatus;
  compartmentId: string;
  percentComplete: number;
  resources: WorkRequestResource[];
  timeAccepted: string;
  timeStarted?: string;
  timeFinished?: string;
}

export interface WorkRequestLogEntry {
  message: string;
  timestamp: string;
}

export interface WorkRequestError {
  code: string;
  message: string;
  timestamp: string;
  /** Local provider: the named startup failure behind the error, with its excerpt and hint. */
  startupFailure?: StartupFailure;
}
