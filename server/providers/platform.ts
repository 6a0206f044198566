import type { LocalImage } from '@/server/domain/editor-options';
import type { HostCapacity } from '@/server/domain/fit-resources';
import type { DomainError, Result } from '@/server/domain/result';
import type { GatewayStatus } from '@/server/gateway/status-contract';

// What the console's services need of the machine that runs the local provider, in the console's
// own terms: no Docker client, no labels, no gateway address crosses this line. The local provider
// implements it (providers/local/platform.ts); the composition root hands it to the services.

/** Who asked for a change, and whether it rolls back to a revision (revision n). */
export interface RevisionAttribution {
  principalId?: string | null;
  principalName?: string | null;
  rollbackOf?: number | null;
}

/** A container of this installation, as the operations page lists it. */
export interface PlatformContainer {
  /** The short id Docker prints. */
  id: string;
  name: string;
  image: string;
  state: string;
  status: string;
  deploymentId: string | null;
  instanceId: string | null;
}

/** A runtime image Berth built and manages. */
export interface PlatformRuntimeImage {
  slug: string;
  tag: string;
  id: string;
  sizeBytes: number;
  createdAt: Date;
  /** Built from the current sources; others are left by earlier versions of them. */
  current: boolean;
}

/** Marks that no data plane answers: every ACTIVE deployment says so until it answers again. */
export interface DataPlaneMarks {
  /** Marks every ACTIVE deployment; returns the ids marked. */
  down(cause: string): string[];
  /** Restores the deployments marked by down(); returns their ids. */
  up(): string[];
}

export interface LocalPlatform {
  /** CPUs and memory deployments may reserve (Docker's, capped by the settings). */
  hostCapacity(): Promise<HostCapacity>;
  /** The data plane's own status, or null when it does not answer. */
  gatewayStatus(): Promise<GatewayStatus | null>;
  /** This installation's containers; throws when the engine does not answer. */
  listContainers(): Promise<PlatformContainer[]>;
  /** Managed runtime images; throws when the engine does not answer. */
  listRuntimeImages(): Promise<PlatformRuntimeImage[]>;
  /** The tag the current sources of a runtime environment build. */
  runtimeImageTag(slug: string): string | null;
  /** The images on the engine a bring-your-own-container deployment may name. */
  listImages(): Promise<Result<LocalImage[], DomainError>>;
  /** A secret environment variable's value, recorded as a work request on the deployment. */
  revealSecret(modelDeploymentId: string, name: string, userId: string): Result<{ name: string; value: string; workRequestId: string }, DomainError>;
  /** Who asked for a work request or plan: kept for its revision, written onto any recorded. */
  attributeRevision(subject: { id: string; modelDeploymentId: string }, patch: RevisionAttribution): void;
  /** A work request just linked to its plan: a revision it recorded takes the plan's attribution. */
  refreshRevisionAttribution(workRequestId: string): void;
  /** The marks the data plane's supervision sets and clears; the same object on every call. */
  dataPlaneMarks(): DataPlaneMarks;
}
