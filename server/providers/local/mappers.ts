import type { CompartmentRow } from '@/db/queries/identity';
import type { ProjectRow } from '@/db/queries/projects';
import type { PublicWorkRequestRow } from '@/db/queries/work-requests';
import type { ModelRow } from '@/db/queries/models';
import type { Compartment, Model, Project, WorkRequest } from '@/server/domain/oci-types';

// Rows to API resources: optional fields are absent rather than null, as in OCI's JSON.

export const toProject = (r: ProjectRow): Project => ({
  id: r.id,
  timeCreated: r.timeCreated,
  displayName: r.displayName,
  ...(r.description != null ? { description: r.description } : {}),
  compartmentId: r.compartmentId,
  createdBy: r.createdBy,
  lifecycleState: r.lifecycleState,
  freeformTags: r.freeformTags,
  definedTags: r.definedTags,
  ...(r.systemTags ? { systemTags: r.systemTags } : {}),
});

export const toCompartment = (r: CompartmentRow): Compartment => ({
  id: r.id,
  compartmentId: r.compartmentId,
  name: r.name,
  description: r.description,
  lifecycleState: r.lifecycleState,
  timeCreated: r.timeCreated,
  freeformTags: r.freeformTags,
  definedTags: r.definedTags,
});

export const toWorkRequest = (r: PublicWorkRequestRow): WorkRequest => ({
  id: r.id,
  operationType: r.operationType,
  status: r.status,
  compartmentId: r.compartmentId,
  percentComplete: r.percentComplete,
  resources: r.resources,
  timeAccepted: r.timeAccepted,
  ...(r.timeStarted ? { timeStarted: r.timeStarted } : {}),
  ...(r.timeFinished ? { timeFinished: r.timeFinished } : {}),
});

export const toModel = (r: ModelRow): Model => ({
  id: r.id,
  compartmentId: r.compartmentId,
  projectId: r.projectId,
  displayName: r.displayName,
  ...(r.description != null ? { description: r.description } : {}),
  lifecycleState: r.lifecycleState,
  ...(r.lifecycleDetails != null ? { lifecycleDetails: r.lifecycleDetails } : {}),
  timeCreated: r.timeCreated,
  createdBy: r.createdBy,
  category: r.category,
  ...(r.versionLabel != null ? { versionLabel: r.versionLabel } : {}),
  ...(r.modelVersionSetId != null ? { modelVersionSetId: r.modelVersionSetId, modelVersionSetName: r.modelVersionSetName ?? '', versionId: r.versionId ?? 0 } : {}),
  customMetadataList: r.customMetadataList ?? [],
  definedMetadataList: r.definedMetadataList ?? [],
  ...(r.inputSchema != null ? { inputSchema: r.inputSchema } : {}),
  ...(r.outputSchema != null ? { outputSchema: r.outputSchema } : {}),
  freeformTags: r.freeformTags,
  definedTags: r.definedTags,
});
