import type { ArtifactIntrospectionState } from '@/server/domain/artifact-introspection';
import type { CreateModelVersionSetDetails, ModelVersionSet, ModelVersionSetListParams, UpdateModelVersionSetDetails } from '@/server/domain/model-version-sets';
import type { Readable } from 'node:stream';
import type {
  Compartment,
  CreateModelDetails,
  UpdateModelDetails,
  CreateModelDeploymentDetails,
  CreateProjectDetails,
  Model,
  ModelDeployment,
  ModelDeploymentConfigurationDetails,
  ModelProvenance,
  ModelDeploymentShapeSummary,
  ModelDeploymentSummary,
  Project,
  UpdateModelDeploymentDetails,
  UpdateProjectDetails,
  WorkRequest,
  WorkRequestError,
  WorkRequestLogEntry,
} from '@/server/domain/oci-types';
import type { Fault, FaultSpec } from '@/server/domain/faults';
import type { CheckItem, CheckReport } from '@/server/domain/deployment-check';
import type { LoadCheck } from '@/server/domain/load-check';
import type { DomainError, Result } from '@/server/domain/result';
import type { JsonValue } from '@/server/domain/sample-request';
import type { MetricData, SummarizeMetricsDataDetails } from '@/server/domain/metric-stats';
import type { TagFilter } from '@/server/domain/tag-filter';
import type { OciAlarm, OciAlarmHistoryEntry, OciAlarmHistoryType, OciAlarmStatus, OciAlarmSummary } from '@/server/domain/oci-alarm';
import type { PlainLogRecord } from '@/server/domain/oci-log-records';

// One interface for every backend, shaped after the OCI Data Science API: the same operations,
// the same resource shapes. Everything returns a Result; a provider never throws for an
// expected failure (not found, wrong state, bad input) or a transport error.

export type ProviderResult<T> = Promise<Result<T, DomainError>>;

export interface ListParams {
  compartmentId: string;
  lifecycleState?: string;
  displayName?: string;
  /** Console extension: case-insensitive substring of the display name. */
  nameContains?: string;
  /** Console extension: every filter must match (AND). */
  tagFilters?: TagFilter[];
  sortBy?: 'timeCreated' | 'displayName';
  sortOrder?: 'ASC' | 'DESC';
  /** 1..100, as OCI's `limit`. */
  limit?: number;
  /** The opaque token of `opc-next-page` / `opc-prev-page`. */
  page?: string;
}

export interface Page<T> {
  items: T[];
  nextPage?: string;
  prevPage?: string;
  /** Index of the first item in the whole filtered list, for "Showing 21-40". */
  offset: number;
}

/** An asynchronous operation: OCI answers with `opc-work-request-id` and maybe the resource. */
export interface Accepted<T = undefined> {
  workRequestId: string;
  resource: T;
}

export interface WorkRequestListParams {
  compartmentId: string;
  resourceId?: string;
  operationType?: string;
  status?: string;
  limit?: number;
  page?: string;
}

export interface TagNamespaceSummary {
  name: string;
  keys: string[];
}

export interface IdentityApi {
  /** The tenancy (root) first, then every compartment beneath it. */
  listCompartments(): ProviderResult<Compartment[]>;
  listTagNamespaces(): ProviderResult<TagNamespaceSummary[]>;
}

export interface ProjectsApi {
  createProject(details: CreateProjectDetails): ProviderResult<Project>;
  getProject(id: string): ProviderResult<Project>;
  listProjects(params: ListParams): ProviderResult<Page<Project>>;
  updateProject(id: string, details: UpdateProjectDetails): ProviderResult<Project>;
  deleteProject(id: string): ProviderResult<Accepted>;
  changeProjectCompartment(id: string, compartmentId: string): ProviderResult<Project>;
}

export interface ModelVersionSetsApi {
  createModelVersionSet(details: CreateModelVersionSetDetails): ProviderResult<ModelVersionSet>;
  getModelVersionSet(id: string): ProviderResult<ModelVersionSet>;
  listModelVersionSets(params: ModelVersionSetListParams): ProviderResult<Page<ModelVersionSet>>;
  updateModelVersionSet(id: string, details: UpdateModelVersionSetDetails): ProviderResult<ModelVersionSet>;
  /** A work request (MODELVERSIONSET_DELETE), as on OCI. */
  deleteModelVersionSet(id: string): ProviderResult<Accepted>;
  changeModelVersionSetCompartment(id: string, compartmentId: string): ProviderResult<ModelVersionSet>;
}

/** What is known of a model's uploaded artifact (OCI's HeadModelArtifact headers, and more). */
export interface ModelArtifactInfo {
  fileName: string;
  sizeInBytes: number;
  contentMd5: string;
  timeUploaded: string;
  /**
   * What the provider found inside the artifact; uninspected where it stores artifacts without
   * looking inside (OCI's service reads runtime.yaml itself).
   */
  introspection: ArtifactIntrospectionState;
}

export interface ModelsApi {
  /** CreateModel; `provenance` does CreateModelProvenance in the same step. */
  createModel(details: CreateModelDetails & { provenance?: ModelProvenance }): ProviderResult<Model>;
  getModelProvenance(id: string): ProviderResult<ModelProvenance>;
  changeModelCompartment(id: string, compartmentId: string): ProviderResult<Model>;
  getModel(id: string): ProviderResult<Model>;
  listModels(params: ListParams & { projectId?: string; modelVersionSetId?: string; modelVersionSetName?: string; versionLabel?: string }): ProviderResult<Page<Model>>;
  updateModel(id: string, details: UpdateModelDetails): ProviderResult<Model>;
  activateModel(id: string): ProviderResult<Model>;
  deactivateModel(id: string): ProviderResult<Model>;
  deleteModel(id: string): ProviderResult<void>;
  /** CreateModelArtifact: the zip, streamed. A model takes one artifact, once. */
  createModelArtifact(id: string, source: Readable, fileName: string): ProviderResult<ModelArtifactInfo>;
  /**
   * CreateModel and CreateModelArtifact as one step: the model exists, and lists, only once its
   * artifact is completely stored; a refused or interrupted upload leaves no model behind.
   */
  createModelWithArtifact(details: CreateModelDetails & { provenance?: ModelProvenance }, source: Readable, fileName: string): ProviderResult<Model>;
  headModelArtifact(id: string): ProviderResult<ModelArtifactInfo>;
  getModelArtifactContent(id: string): ProviderResult<ModelArtifactInfo & { stream: Readable }>;
}

export interface ModelDeploymentsApi {
  createModelDeployment(details: CreateModelDeploymentDetails): ProviderResult<Accepted<ModelDeployment>>;
  getModelDeployment(id: string): ProviderResult<ModelDeployment>;
  listModelDeployments(params: ListParams & { projectId?: string }): ProviderResult<Page<ModelDeploymentSummary>>;
  updateModelDeployment(id: string, details: UpdateModelDeploymentDetails): ProviderResult<Accepted>;
  activateModelDeployment(id: string): ProviderResult<Accepted>;
  deactivateModelDeployment(id: string): ProviderResult<Accepted>;
  changeModelDeploymentCompartment(id: string, compartmentId: string): ProviderResult<ModelDeployment>;
  deleteModelDeployment(id: string): ProviderResult<Accepted>;
  listModelDeploymentShapes(compartmentId: string): ProviderResult<ModelDeploymentShapeSummary[]>;
}

/** A predict request the console sends for its user (the Invoke tab). */
export interface PredictRequest {
  /** The JSON text, as the user wrote it. */
  body: string;
  /** Sent as opc-request-id, so the endpoint's logs and the console's answer name the same request. */
  requestId: string;
  timeoutMs: number;
}

/** Whatever the predict endpoint answered, a model's error included. */
export interface PredictAnswer {
  status: number;
  latencyMs: number;
  headers: { 'opc-request-id'?: string; 'content-type'?: string; 'x-berth-fault'?: string };
  /** The body as text; the caller decides whether it is JSON. */
  body: string;
}

/**
 * A deployment's data plane: POST <modelDeploymentUrl>/predict as that endpoint takes requests
 * (the local gateway trusts the console by its token; OCI's takes requests signed with the
 * profile's API key). An HTTP answer of any status is a PredictAnswer; an endpoint that does not
 * answer is an error (ServiceUnavailable, or GatewayTimeout past timeoutMs).
 */
export interface PredictApi {
  predictModelDeployment(modelDeploymentId: string, request: PredictRequest): ProviderResult<PredictAnswer>;
}

/** OCI Monitoring's summarizeMetricsData over the deployments' metrics (OCI-SPEC B.7, F). */
export interface MonitoringApi {
  summarizeMetricsData(details: SummarizeMetricsDataDetails): ProviderResult<MetricData[]>;
}

export interface WorkRequestsApi {
  getWorkRequest(id: string): ProviderResult<WorkRequest>;
  listWorkRequests(params: WorkRequestListParams): ProviderResult<Page<WorkRequest>>;
  listWorkRequestLogs(id: string, params?: { limit?: number; page?: string }): ProviderResult<Page<WorkRequestLogEntry>>;
  listWorkRequestErrors(id: string, params?: { limit?: number; page?: string }): ProviderResult<Page<WorkRequestError>>;
  cancelWorkRequest(id: string): ProviderResult<WorkRequest>;
  /**
   * Seconds a running work request has left, learned from earlier work of its kind on this
   * installation; null without such history. Not in OCI's API: providers may leave it out.
   */
  estimateWorkRequest?(id: string): Promise<{ secondsLeft: number } | null>;
}

/** A fault change and the work request that records it in the deployment's history. */
export interface FaultChange {
  fault: Fault;
  workRequestId: string;
}

/**
 * Fault injection, a capability of the local provider only (OCI has no such API, so the OCI
 * provider leaves it out and the console hides the controls). Every fault stops by itself.
 */
export interface FaultInjectionApi {
  /** The faults on now, then the ones that ended most recently. */
  listFaults(modelDeploymentId: string): ProviderResult<Fault[]>;
  startFault(modelDeploymentId: string, details: { spec: FaultSpec; durationSeconds: number }): ProviderResult<FaultChange>;
  stopFault(modelDeploymentId: string, faultId: string): ProviderResult<FaultChange>;
}

export interface DeploymentCheckInput {
  /** The configuration as a create would send it. */
  config: ModelDeploymentConfigurationDetails;
  /** The predict request to send, and whether it was built from the model's input schema. */
  sample: { body: JsonValue; fromSchema: boolean };
}

/** How a running check reports: the items it will judge first, then each as it is decided. */
export interface CheckProgress {
  plan(items: readonly Pick<CheckItem, 'id' | 'label'>[]): void;
  step(message: string): void;
  item(item: CheckItem): void;
}

/**
 * Runs a configuration or an artifact for real before anything is created. A console extension
 * with no OCI operation behind it, so a provider may lack it (the OCI provider does).
 */
export interface PreflightApi {
  /** Starts the configuration in a throwaway container and judges what it does, in seconds. */
  checkDeployment(input: DeploymentCheckInput, progress: CheckProgress): ProviderResult<CheckReport>;
  /** Runs load_model() of a model's artifact in its runtime image, and records the result with the artifact. */
  checkModelLoads(modelId: string): ProviderResult<LoadCheck>;
}

/** CreateAlarmDetails as the console sends it to OCI Monitoring. */
export type OciCreateAlarm = Pick<OciAlarm, 'displayName' | 'compartmentId' | 'metricCompartmentId' | 'namespace' | 'query' | 'severity' | 'pendingDuration' | 'destinations' | 'isEnabled'> &
  Partial<Pick<OciAlarm, 'body' | 'repeatNotificationDuration'>>;

/**
 * OCI Monitoring's alarms (oci-monitoring): where a provider has them, the deployment's Alarms tab
 * reads and writes them there instead of the console's own, which only the local provider acts on.
 */
export interface MonitoringAlarmsApi {
  listAlarms(compartmentId: string): ProviderResult<OciAlarmSummary[]>;
  getAlarm(alarmId: string): ProviderResult<{ alarm: OciAlarm; etag: string }>;
  createAlarm(details: OciCreateAlarm): ProviderResult<OciAlarm>;
  updateAlarm(alarmId: string, details: Partial<OciCreateAlarm>, ifMatch?: string): ProviderResult<OciAlarm>;
  deleteAlarm(alarmId: string, ifMatch?: string): ProviderResult<void>;
  listAlarmsStatus(compartmentId: string, resourceId: string): ProviderResult<OciAlarmStatus[]>;
  getAlarmHistory(alarmId: string, type: OciAlarmHistoryType): ProviderResult<OciAlarmHistoryEntry[]>;
}

/** The Logs tab's search, as the provider receives it. Times are epoch milliseconds. */
export interface DeploymentLogSearch {
  categories?: readonly ('access' | 'predict')[];
  levels?: readonly string[];
  /** Case-insensitive substring of the message. */
  text?: string;
  startTime: number;
  endTime: number;
  limit: number;
  /** The nextPage of the previous answer. */
  page?: string;
}

export type DeploymentLogPage =
  | { configured: true; records: PlainLogRecord[]; nextPage?: string }
  /** The deployment sends none of the categories asked for to OCI Logging: `howToEnable` says what to do. */
  | { configured: false; howToEnable: string };

/** Access and predict logs from OCI Logging (oci-loggingsearch), for the providers with `ociLogging`. */
export interface OciLoggingApi {
  searchDeploymentLogs(modelDeploymentId: string, search: DeploymentLogSearch): ProviderResult<DeploymentLogPage>;
}

/** An image a BYOC deployment can name: its full reference and the digest that pins it. */
export interface RegistryImage {
  reference: string;
  digest: string;
  created: string;
  sizeBytes: number;
}

/** Container images in OCI Container Registry (oci-artifacts), for the providers with `ocir`. */
export interface ContainerRegistryApi {
  /** The images of the compartment (the tenancy when none is named), newest first. */
  listContainerImages(compartmentId?: string): ProviderResult<RegistryImage[]>;
}

/**
 * What a provider offers beyond the common API, so the console shows or hides a feature by what
 * the provider in use can do, never by which provider it is.
 */
export interface ProviderCapabilities {
  /** The host's CPUs and memory that shapes are fitted into (the operations page). */
  hostCapacity: boolean;
  /** Runtime images built and rebuilt on this machine. */
  imageBuilds: boolean;
  /** `faultInjection` is present. */
  faultInjection: boolean;
  /** Access and predict logs read from the instances' own output. */
  containerLogs: boolean;
  /** `preflight` is present: a configuration or artifact run for real before a create. */
  preflight: boolean;
  /** Compartments beneath the tenancy are listed (OCI needs oci-identity for this). */
  compartmentTree: boolean;
  /** Access and predict logs from OCI Logging (oci-loggingsearch). */
  ociLogging: boolean;
  /** Container images and digests listed from OCIR for the BYOC picker (oci-artifacts). */
  ocir: boolean;
  /** Customer subnets and private endpoints for a deployment's network. */
  subnets: boolean;
  /** An alarm can act when it fires (scale the instances, move the shape): the console's own alarms. */
  alarmActions: boolean;
  /** The scaler's decisions are recorded here (the Scaling tab's timeline and instance-count chart). */
  scalingDecisions: boolean;
  /** Its deployments can be promoted to an OCI context ("Promote to OCI"). */
  promoteToOci: boolean;
  /** A context of this provider takes a promoted deployment: its model, artifact and deployment are created there. */
  promotionTarget: boolean;
  /**
   * The console's idle guard drives its deployments: deactivate after minutes without requests,
   * activate on a schedule (the Scaling tab). Needs the console's own request counts and scheduler.
   */
  idleGuard: boolean;
  /**
   * The console records each configuration a deployment had applied (the Revisions tab, rollback):
   * the job that applies a create or an update writes it. Without it the changes are in the service's own audit.
   */
  revisionHistory: boolean;
  /**
   * The console's own users, groups and policies decide what a person may do. Without it the
   * service's own policies decide (OCI's IAM, for the profile's key), and the console shows its refusals.
   */
  consolePolicies: boolean;
  /**
   * Predict goes to this machine's gateway, which takes unsigned requests unless
   * BERTH_PREDICT_AUTH=signed. Without it the endpoint takes signed requests only, as OCI's does.
   */
  gatewayPredictAuth: boolean;
}

export interface DataScienceProvider
  extends IdentityApi,
    ProjectsApi,
    ModelVersionSetsApi,
    ModelsApi,
    ModelDeploymentsApi,
    WorkRequestsApi,
    MonitoringApi,
    PredictApi {
  readonly kind: 'local' | 'oci';
  readonly capabilities: ProviderCapabilities;
  /** Present only where the provider can inject faults (the local one). */
  readonly faultInjection?: FaultInjectionApi;
  /** An optional capability: absent where the backend cannot run containers for the console. */
  readonly preflight?: PreflightApi;
  /** OCI Monitoring's alarms; absent where the console's own alarms serve (the local provider). */
  readonly monitoringAlarms?: MonitoringAlarmsApi;
  /** Present where `ociLogging` is. */
  readonly ociLogging?: OciLoggingApi;
  /** Present where `ocir` is. */
  readonly containerRegistry?: ContainerRegistryApi;
}
