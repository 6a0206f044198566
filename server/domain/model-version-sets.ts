import type { DefinedTags, Tagged } from './oci-types';

// Model version sets, in the shapes of oci-datascience's ModelVersionSet and its details.

export const MODEL_VERSION_SET_LIFECYCLE_STATES = ['ACTIVE', 'DELETING', 'DELETED', 'FAILED'] as const;
export type ModelVersionSetLifecycleState = (typeof MODEL_VERSION_SET_LIFECYCLE_STATES)[number];

export const MODEL_VERSION_SET_SORT_FIELDS = ['timeCreated', 'name', 'lifecycleState'] as const;
export type ModelVersionSetSortBy = (typeof MODEL_VERSION_SET_SORT_FIELDS)[number];

export interface ModelVersionSet extends Tagged {
  id: string;
  compartmentId: string;
  projectId: string;
  name: string;
  description: string;
  lifecycleState: ModelVersionSetLifecycleState;
  timeCreated: string;
  timeUpdated: string;
  createdBy: string;
  /** Every set a user creates is USER; SERVICE ones are OCI's own, which Berth has none of. */
  category: 'USER';
  systemTags?: DefinedTags;
}

export interface CreateModelVersionSetDetails extends Tagged {
  compartmentId: string;
  projectId: string;
  name: string;
  description?: string;
}

export interface UpdateModelVersionSetDetails extends Tagged {
  description?: string;
}

export interface ModelVersionSetListParams {
  compartmentId: string;
  id?: string;
  projectId?: string;
  name?: string;
  lifecycleState?: ModelVersionSetLifecycleState;
  createdBy?: string;
  sortBy?: ModelVersionSetSortBy;
  sortOrder?: 'ASC' | 'DESC';
  limit?: number;
  page?: string;
}
