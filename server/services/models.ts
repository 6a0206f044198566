import type { Readable } from 'node:stream';
import { artifactChecklist, type ChecklistItem } from '@/server/domain/artifact-checklist';
import { artifactVerdict, type ArtifactVerdict } from '@/server/domain/artifact-verdict';
import type { Model, ModelProvenance, Project } from '@/server/domain/oci-types';
import { ok, type DomainError, type Result } from '@/server/domain/result';
import type { DataScienceProvider, TagNamespaceSummary } from '@/server/providers/types';
import type { CreateModelValues, UpdateModelValues } from '@/server/validation/model';
import { compartmentListView, defaultCompartmentOf, listParamsOf, withDepth, type CompartmentListView, type CompartmentWithDepth, type DefaultCompartment, type ListInput } from './list-view';

export type ModelListInput = ListInput & { projectId?: string };

export interface ModelListView extends CompartmentListView<Model> {
  /** The compartment's active projects, for the project filter. */
  projects: Project[];
  /** Names of the projects the listed models belong to. */
  projectNames: Record<string, string>;
}

/** What the details page shows of an artifact: no server paths. */
export interface ArtifactSummary {
  fileName: string;
  sizeInBytes: number;
  contentMd5: string;
  timeUploaded: string;
  checklist: ChecklistItem[];
}

export interface ModelDetailView {
  model: Model;
  provenance: ModelProvenance;
  artifact: ArtifactSummary | null;
  project: Project | null;
  compartments: CompartmentWithDepth[];
  tagNamespaces: TagNamespaceSummary[];
}

export interface ProjectGroup {
  compartment: CompartmentWithDepth;
  projects: Project[];
}

// Enough for any console picker; a compartment with more active projects lists the first ones.
const MAX_PICKER_PAGES = 10;

export interface ModelsServiceDeps {
  provider: DataScienceProvider;
  defaultCompartmentId: DefaultCompartment;
}

export function createModelsService({ provider, defaultCompartmentId }: ModelsServiceDeps) {
  async function activeProjects(compartmentId: string): Promise<Result<Project[], DomainError>> {
    const all: Project[] = [];
    let page: string | undefined;
    for (let i = 0; i < MAX_PICKER_PAGES; i++) {
      const r = await provider.listProjects({ compartmentId, lifecycleState: 'ACTIVE', sortBy: 'displayName', limit: 100, ...(page ? { page } : {}) });
      if (!r.ok) return r;
      all.push(...r.data.items);
      page = r.data.nextPage;
      if (!page) break;
    }
    return ok(all);
  }

  return {
    async listView(input: ModelListInput): Promise<Result<ModelListView, DomainError>> {
      const compartmentId = input.compartmentId ?? (await defaultCompartmentOf(defaultCompartmentId));
      const [view, projects] = await Promise.all([
        compartmentListView(provider, compartmentId, provider.listModels(listParamsOf(input, compartmentId))),
        activeProjects(compartmentId),
      ]);
      if (!view.ok) return view;
      if (!projects.ok) return projects;
      const projectNames: Record<string, string> = Object.fromEntries(projects.data.map((p) => [p.id, p.displayName]));
      // Models of deleted projects, or of projects in another compartment, still get a name.
      const missing = [...new Set(view.data.page.items.map((m) => m.projectId))].filter((id) => !(id in projectNames));
      for (const r of await Promise.all(missing.map((id) => provider.getProject(id)))) {
        if (r.ok) projectNames[r.data.id] = r.data.displayName;
      }
      return ok({ ...view.data, projects: projects.data, projectNames });
    },

    /** Every active project, grouped by compartment in tree order, for the create form. */
    async projectGroups(): Promise<Result<ProjectGroup[], DomainError>> {
      const compartments = await provider.listCompartments();
      if (!compartments.ok) return compartments;
      const groups: ProjectGroup[] = [];
      for (const compartment of withDepth(compartments.data)) {
        if (compartment.lifecycleState !== 'ACTIVE') continue;
        const projects = await activeProjects(compartment.id);
        if (!projects.ok) return projects;
        if (projects.data.length) groups.push({ compartment, projects: projects.data });
      }
      return ok(groups);
    },

    async detailView(id: string): Promise<Result<ModelDetailView, DomainError>> {
      const model = await provider.getModel(id);
      if (!model.ok) return model;
      const [provenance, artifact, project, compartments, tagNamespaces] = await Promise.all([
        provider.getModelProvenance(id),
        provider.headModelArtifact(id),
        provider.getProject(model.data.projectId),
        provider.listCompartments(),
        provider.listTagNamespaces(),
      ]);
      return ok({
        model: model.data,
        provenance: provenance.ok ? provenance.data : {},
        artifact: artifact.ok
          ? {
              fileName: artifact.data.fileName,
              sizeInBytes: artifact.data.sizeInBytes,
              contentMd5: artifact.data.contentMd5,
              timeUploaded: artifact.data.timeUploaded,
              checklist: artifactChecklist(artifact.data.introspection),
            }
          : null,
        project: project.ok ? project.data : null,
        compartments: compartments.ok ? withDepth(compartments.data) : [],
        tagNamespaces: tagNamespaces.ok ? tagNamespaces.data : [],
      });
    },

    /** The artifact checks in one verdict: what the create form tells the user once the upload is in. */
    async artifactVerdict(id: string): Promise<Result<ArtifactVerdict, DomainError>> {
      const artifact = await provider.headModelArtifact(id);
      return artifact.ok ? ok(artifactVerdict(artifactChecklist(artifact.data.introspection))) : artifact;
    },

    /** CreateModel with its artifact: the model appears only once the artifact is stored. */
    async createWithArtifact(details: CreateModelValues, source: Readable, fileName: string): Promise<Result<Model, DomainError>> {
      const created = await provider.createModelWithArtifact(details, source, fileName);
      // score.py imported and load_model() run for real where the provider can; the result is
      // recorded with the artifact (its checklist), and a failed load keeps the model.
      if (created.ok) await provider.preflight?.checkModelLoads(created.data.id);
      return created;
    },

    /** The newest models of one project (in the project's compartment), for the project page. */
    listForProject: (project: Pick<Project, 'id' | 'compartmentId'>, limit = 20) =>
      provider.listModels({ compartmentId: project.compartmentId, projectId: project.id, limit }),

    update: (id: string, details: UpdateModelValues) => provider.updateModel(id, details),
    activate: (id: string) => provider.activateModel(id),
    deactivate: (id: string) => provider.deactivateModel(id),
    remove: (id: string) => provider.deleteModel(id),
    move: (id: string, compartmentId: string) => provider.changeModelCompartment(id, compartmentId),
    artifactContent: (id: string) => provider.getModelArtifactContent(id),
  };
}

/** The service over the app's context (the context wires projects only; models are built here). */
export const modelsServiceOf = (ctx: { provider: DataScienceProvider; installation: { defaultCompartmentId: string }; defaultCompartment?: () => Promise<string> }) =>
  createModelsService({ provider: ctx.provider, defaultCompartmentId: ctx.defaultCompartment ?? ctx.installation.defaultCompartmentId });
