import { UNINSPECTED } from '@/server/domain/artifact-introspection';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import type { DataScienceClient, requests } from 'oci-datascience';
import type { ModelVersionSet } from '@/server/domain/model-version-sets';
import type { Model, ModelProvenance, Project } from '@/server/domain/oci-types';
import { ok } from '@/server/domain/result';
import type { ModelArtifactInfo, ModelsApi, ModelVersionSetsApi, ProjectsApi } from '../types';
import { call } from './errors';
import { ociPage } from './paging';
import { fromSdk, iso, toSdk } from './wire';

// Projects, model version sets, models and their artifacts, through oci-datascience.

export interface OciCatalogDeps {
  ds: DataScienceClient;
  where: string;
}

export function createOciProjects({ ds, where }: OciCatalogDeps): ProjectsApi {
  const getProject = (id: string) => call(where, async () => fromSdk<Project>((await ds.getProject({ projectId: id })).project));
  return {
    createProject: (d) => call(where, async () => fromSdk<Project>((await ds.createProject({ createProjectDetails: d })).project)),
    getProject,
    listProjects: (p) =>
      ociPage(p, (page, limit) =>
        call(where, async () => {
          const r = await ds.listProjects(toSdk<requests.ListProjectsRequest>({ compartmentId: p.compartmentId, lifecycleState: p.lifecycleState, displayName: p.displayName, sortBy: p.sortBy, sortOrder: p.sortOrder, limit, page }));
          return { items: r.items.map((i) => fromSdk<Project>(i)), ...(r.opcNextPage ? { opcNextPage: r.opcNextPage } : {}) };
        }),
      ),
    updateProject: (id, d) => call(where, async () => fromSdk<Project>((await ds.updateProject({ projectId: id, updateProjectDetails: d })).project)),
    deleteProject: (id) => call(where, async () => ({ workRequestId: (await ds.deleteProject({ projectId: id })).opcWorkRequestId, resource: undefined })),
    async changeProjectCompartment(id, compartmentId) {
      const moved = await call(where, () => ds.changeProjectCompartment({ projectId: id, changeProjectCompartmentDetails: { compartmentId } }));
      return moved.ok ? getProject(id) : moved;
    },
  };
}

export function createOciModelVersionSets({ ds, where }: OciCatalogDeps): ModelVersionSetsApi {
  const get = (id: string) => call(where, async () => fromSdk<ModelVersionSet>((await ds.getModelVersionSet({ modelVersionSetId: id })).modelVersionSet));
  return {
    createModelVersionSet: (d) => call(where, async () => fromSdk<ModelVersionSet>((await ds.createModelVersionSet({ createModelVersionSetDetails: d })).modelVersionSet)),
    getModelVersionSet: get,
    listModelVersionSets: (p) =>
      ociPage({ ...(p.page ? { page: p.page } : {}), ...(p.limit ? { limit: p.limit } : {}) }, (page, limit) =>
        call(where, async () => {
          const r = await ds.listModelVersionSets(toSdk<requests.ListModelVersionSetsRequest>({ ...p, limit, page }));
          return { items: r.items.map((i) => fromSdk<ModelVersionSet>(i)), ...(r.opcNextPage ? { opcNextPage: r.opcNextPage } : {}) };
        }),
      ),
    updateModelVersionSet: (id, d) => call(where, async () => fromSdk<ModelVersionSet>((await ds.updateModelVersionSet({ modelVersionSetId: id, updateModelVersionSetDetails: d })).modelVersionSet)),
    deleteModelVersionSet: (id) => call(where, async () => ({ workRequestId: (await ds.deleteModelVersionSet({ modelVersionSetId: id })).opcWorkRequestId, resource: undefined })),
    async changeModelVersionSetCompartment(id, compartmentId) {
      const moved = await call(where, () => ds.changeModelVersionSetCompartment({ modelVersionSetId: id, changeModelVersionSetCompartmentDetails: { compartmentId } }));
      return moved.ok ? get(id) : moved;
    },
  };
}

const fileNameOf = (disposition: string | undefined, fallback: string) => /filename="?([^";]+)"?/.exec(disposition ?? '')?.[1] ?? fallback;

export function createOciModels({ ds, where }: OciCatalogDeps): ModelsApi {
  const getModel = (id: string) => call(where, async () => fromSdk<Model>((await ds.getModel({ modelId: id })).model));

  async function createModel(details: Parameters<ModelsApi['createModel']>[0]) {
    const { provenance, ...model } = details;
    const created = await call(where, async () => fromSdk<Model>((await ds.createModel({ createModelDetails: toSdk(model) })).model));
    if (!created.ok || !provenance) return created;
    const prov = await call(where, () => ds.createModelProvenance({ modelId: created.data.id, createModelProvenanceDetails: provenance }));
    if (prov.ok) return created;
    // One step, as the interface promises: a model whose provenance was refused is not kept.
    await call(where, () => ds.deleteModel({ modelId: created.data.id }));
    return prov;
  }

  async function headModelArtifact(id: string) {
    return call(where, async (): Promise<ModelArtifactInfo> => {
      const h = await ds.headModelArtifact({ modelId: id });
      return { fileName: fileNameOf(h.contentDisposition, `${id}.zip`), sizeInBytes: h.contentLength, contentMd5: h.contentMd5, timeUploaded: iso(h.lastModified), introspection: UNINSPECTED };
    });
  }

  /**
   * The SDK sends the artifact with its length; a stream of unknown length is spooled to a
   * temporary file first (also giving the MD5 OCI answers with), then streamed from there.
   */
  async function createModelArtifact(id: string, source: Readable, fileName: string) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-oci-artifact-'));
    const file = path.join(dir, 'artifact.zip');
    try {
      const md5 = crypto.createHash('md5');
      source.on('data', (c: Buffer) => md5.update(c));
      await pipeline(source, fs.createWriteStream(file));
      const size = fs.statSync(file).size;
      const sent = await call(where, () => ds.createModelArtifact({ modelId: id, contentLength: size, modelArtifact: fs.createReadStream(file), contentDisposition: `attachment; filename=${fileName}` }));
      if (!sent.ok) return sent;
      const head = await headModelArtifact(id);
      return head.ok ? head : ok({ fileName, sizeInBytes: size, contentMd5: md5.digest('base64'), timeUploaded: new Date().toISOString(), introspection: UNINSPECTED });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  return {
    createModel,
    getModelProvenance: (id) => call(where, async () => fromSdk<ModelProvenance>((await ds.getModelProvenance({ modelId: id })).modelProvenance)),
    async changeModelCompartment(id, compartmentId) {
      const moved = await call(where, () => ds.changeModelCompartment({ modelId: id, changeModelCompartmentDetails: { compartmentId } }));
      return moved.ok ? getModel(id) : moved;
    },
    getModel,
    listModels: (p) =>
      ociPage(p, (page, limit) =>
        call(where, async () => {
          const r = await ds.listModels(toSdk<requests.ListModelsRequest>({ compartmentId: p.compartmentId, projectId: p.projectId, lifecycleState: p.lifecycleState, displayName: p.displayName, sortBy: p.sortBy, sortOrder: p.sortOrder, limit, page }));
          return { items: r.items.map((i) => fromSdk<Model>(i)), ...(r.opcNextPage ? { opcNextPage: r.opcNextPage } : {}) };
        }),
      ),
    updateModel: (id, d) => call(where, async () => fromSdk<Model>((await ds.updateModel({ modelId: id, updateModelDetails: d })).model)),
    activateModel: (id) => call(where, async () => fromSdk<Model>((await ds.activateModel({ modelId: id })).model)),
    deactivateModel: (id) => call(where, async () => fromSdk<Model>((await ds.deactivateModel({ modelId: id })).model)),
    deleteModel: async (id) => {
      const r = await call(where, () => ds.deleteModel({ modelId: id }));
      return r.ok ? ok(undefined) : r;
    },
    createModelArtifact,
    /**
     * OCI has no single call for both: the model is created, then its artifact; a refused or
     * interrupted upload deletes the model again, so none is left without its artifact.
     */
    async createModelWithArtifact(details, source, fileName) {
      const created = await createModel(details);
      if (!created.ok) {
        source.destroy();
        return created;
      }
      const stored = await createModelArtifact(created.data.id, source, fileName);
      if (stored.ok) return getModel(created.data.id);
      await call(where, () => ds.deleteModel({ modelId: created.data.id }));
      return stored;
    },
    headModelArtifact,
    async getModelArtifactContent(id) {
      return call(where, async () => {
        const r = await ds.getModelArtifactContent({ modelId: id });
        const value = r.value;
        const stream = value instanceof Readable ? value : Readable.fromWeb(value as WebReadableStream<Uint8Array>);
        const head = await ds.headModelArtifact({ modelId: id });
        return { fileName: fileNameOf(r.contentDisposition, `${id}.zip`), sizeInBytes: r.contentLength, contentMd5: head.contentMd5, timeUploaded: iso(r.lastModified), introspection: UNINSPECTED, stream };
      });
    },
  };
}
