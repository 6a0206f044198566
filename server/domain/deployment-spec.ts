import type { CondaEnvironment } from './conda-uri';
import type { CreateModelDeploymentDetails, EnvironmentVariables } from './oci-types';

// The ADS/MLflow deployment specification (seed 003): `kind: deployment`, an infrastructure of
// type modelDeployment and a conda or container runtime. Keys without an ADS name take the SDK's
// (maximumBandwidthMbps, networkAccessType, scalingPolicy for autoscaling), so that every field of
// CreateModelDeploymentDetails has a place in a spec and survives export.

export type YamlPath = (string | number)[];

export interface YamlProblem {
  severity: 'error' | 'warning';
  /** invalid: the spec is wrong; refused: valid, but the local provider cannot run it; ignored: read, but it has no effect here. */
  kind: 'invalid' | 'refused' | 'ignored';
  path: YamlPath;
  message: string;
}

export interface LogSpec {
  logGroupId?: string;
  logId?: string;
}

export interface InfrastructureSpec {
  compartmentId?: string;
  projectId?: string;
  shapeName?: string;
  shapeConfigDetails?: { ocpus?: number; memoryInGBs?: number; cpuBaseline?: string };
  blockStorageSize?: number;
  replica?: number;
  scalingPolicy?: unknown;
  bandwidthMbps?: number;
  maximumBandwidthMbps?: number;
  webConcurrency?: number;
  accessLog?: LogSpec;
  predictLog?: LogSpec;
  logGroupId?: string;
  logId?: string;
  subnetId?: string;
  privateEndpointId?: string;
  networkAccessType?: string;
}

export interface RuntimeSpec {
  modelUri?: string;
  env?: EnvironmentVariables;
  /** Berth's: variables to keep secret beyond those whose names say so. */
  secretEnv?: string[];
  uri?: string | { name: string; destination?: string; [k: string]: unknown };
  pythonVersion?: string;
  image?: string;
  imageDigest?: string;
  imageSignatureId?: string;
  cmd?: string[];
  entrypoint?: string[];
  serverPort?: number;
  healthCheckPort?: number;
  inferenceServer?: string;
  deploymentMode?: string;
  predictApiSpecification?: string;
  customHttpEndpoints?: unknown;
}

export interface DeploymentSpec {
  kind: 'deployment';
  spec: {
    displayName?: string;
    description?: string;
    freeformTags?: Record<string, string>;
    definedTags?: Record<string, Record<string, unknown>>;
    infrastructure: { kind?: 'infrastructure'; type: 'modelDeployment' | 'datascienceModelDeployment'; spec: InfrastructureSpec };
    runtime: { kind?: 'runtime'; type: 'conda' | 'container'; spec: RuntimeSpec };
  };
}

/** Values the spec may leave out: the console's project and compartment, the CLI's --name and -m. */
export interface SpecContext {
  displayName?: string;
  projectId?: string;
  compartmentId?: string;
  modelId?: string;
}

/** A details path (as zod reports it) and the spec path its value came from. */
export interface Origin {
  details: YamlPath;
  yaml: YamlPath;
}

export interface SpecMapping {
  /** Not yet validated: the caller checks it with the details schema and maps issues through `origins`. */
  details: CreateModelDeploymentDetails;
  origins: Origin[];
  problems: YamlProblem[];
  condaEnvironment: CondaEnvironment | null;
}

export const INFRA: YamlPath = ['spec', 'infrastructure', 'spec'];
export const RUNTIME: YamlPath = ['spec', 'runtime', 'spec'];
export const CONTAINER_KEYS = ['image', 'imageDigest', 'imageSignatureId', 'cmd', 'entrypoint', 'serverPort', 'healthCheckPort', 'predictApiSpecification', 'customHttpEndpoints'] as const;

export const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
