import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { ArtifactIntrospection } from '@/server/domain/artifact-introspection';
import type { Metadata, ModelLifecycleState, ModelProvenance } from '@/server/domain/oci-types';
import { tagColumns, timestamp } from './columns';

export const models = sqliteTable(
  'models',
  {
    id: text('id').primaryKey(),
    compartmentId: text('compartment_id').notNull(),
    projectId: text('project_id').notNull(),
    displayName: text('display_name').notNull(),
    description: text('description'),
    lifecycleState: text('lifecycle_state').$type<ModelLifecycleState>().notNull(),
    lifecycleDetails: text('lifecycle_details'),
    createdBy: text('created_by').notNull(),
    timeCreated: timestamp('time_created').notNull(),
    category: text('category').$type<'USER' | 'SERVICE'>().notNull().default('USER'),
    versionLabel: text('version_label'),
    // The version set the model belongs to (set once), its name (sets are never renamed) and the
    // model's number in it: 1, 2, ... in the order models joined.
    modelVersionSetId: text('model_version_set_id'),
    modelVersionSetName: text('model_version_set_name'),
    versionId: integer('version_id'),
    /** The label while the model is in a set and not DELETED: a label names one live model per set. */
    liveVersionLabel: text('live_version_label'),
    customMetadataList: text('custom_metadata_list', { mode: 'json' }).$type<Metadata[]>(),
    definedMetadataList: text('defined_metadata_list', { mode: 'json' }).$type<Metadata[]>(),
    inputSchema: text('input_schema'),
    outputSchema: text('output_schema'),
    provenance: text('provenance', { mode: 'json' }).$type<ModelProvenance>(),
    ...tagColumns(),
  },
  (t) => [
    index('models_project_state_created_idx').on(t.projectId, t.lifecycleState, t.timeCreated),
    index('models_compartment_state_created_idx').on(t.compartmentId, t.lifecycleState, t.timeCreated),
    index('models_compartment_name_idx').on(t.compartmentId, t.displayName),
    uniqueIndex('models_version_set_live_label_idx').on(t.modelVersionSetId, t.liveVersionLabel),
    uniqueIndex('models_version_set_version_idx').on(t.modelVersionSetId, t.versionId),
  ],
);

// The uploaded artifact of a model: one row per model, the bytes live in the data directory.
export const modelArtifacts = sqliteTable('model_artifacts', {
  modelId: text('model_id')
    .primaryKey()
    .references(() => models.id),
  fileName: text('file_name').notNull(),
  storagePath: text('storage_path').notNull(),
  sizeInBytes: integer('size_in_bytes').notNull(),
  contentMd5: text('content_md5').notNull(),
  sha256: text('sha256').notNull(),
  timeUploaded: timestamp('time_uploaded').notNull(),
  // What introspection found (score.py functions, runtime.yaml environment, checks); read through
  // readArtifactIntrospection, since a row may be older than the schema.
  introspection: text('introspection', { mode: 'json' }).$type<ArtifactIntrospection>(),
  /** The artifact unpacked, mounted read-only into the containers that serve it. */
  unpackedDir: text('unpacked_dir'),
});
