import { findRuntime } from '@/server/domain/runtimes';
import { isUserImage, type LocalImage } from '@/server/domain/editor-options';
import { ok, type DomainError, type Result } from '@/server/domain/result';
import type { LocalPlatform } from '../platform';
import { LABELS } from './deployments/containers';
import { createDataPlaneMarks } from './deployments/data-plane';
import { attributeRevision, refreshRevisionAttribution } from './deployments/revisions';
import { revealSecret } from './deployments/secrets';
import { listRuntimeImages, runtimeImageTag } from './docker/runtime-images';
import type { LocalRuntime } from './index';

const engineMessage = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));

async function listUserImages(local: LocalRuntime): Promise<Result<LocalImage[], DomainError>> {
  try {
    const images = await local.docker.listImages();
    const out: LocalImage[] = [];
    for (const image of images) {
      for (const reference of image.RepoTags ?? []) {
        if (!isUserImage(reference)) continue;
        out.push({ reference, digest: image.Id, created: new Date(image.Created * 1000).toISOString(), sizeBytes: image.Size });
      }
    }
    return ok(out.sort((a, b) => b.created.localeCompare(a.created) || a.reference.localeCompare(b.reference)));
  } catch (cause) {
    return { ok: false, error: { code: 'ServiceUnavailable', message: `The Docker engine did not answer (${engineMessage(cause)}), so local images cannot be listed.` } };
  }
}

/** The machine under the local provider, as the services see it (server/providers/platform.ts). */
export function createLocalPlatform(local: LocalRuntime): LocalPlatform {
  // One per platform: the marks remember each deployment's details to give back, so every caller
  // must share them.
  const marks = createDataPlaneMarks(local.db);
  return {
    hostCapacity: local.hostCapacity,
    gatewayStatus: () => local.gateway.status(),
    async listContainers() {
      const list = await local.docker.listContainers({ all: true, filters: { label: [`${LABELS.installation}=${local.tenancyId}`] } });
      return list.map((c) => ({
        id: c.Id.slice(0, 12),
        name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
        image: c.Image,
        state: c.State,
        status: c.Status,
        deploymentId: c.Labels[LABELS.deployment] ?? null,
        instanceId: c.Labels[LABELS.instance] ?? null,
      }));
    },
    listRuntimeImages: () => listRuntimeImages(local.docker),
    runtimeImageTag: (slug) => {
      const env = findRuntime(slug);
      return env ? runtimeImageTag(env) : null;
    },
    listImages: () => listUserImages(local),
    revealSecret: (modelDeploymentId, name, userId) => revealSecret({ db: local.db, region: local.config.region, userId, now: local.now }, modelDeploymentId, name),
    attributeRevision: (subject, patch) => attributeRevision(local.db, subject, patch),
    refreshRevisionAttribution: (workRequestId) => refreshRevisionAttribution(local.db, workRequestId),
    dataPlaneMarks: () => marks,
  };
}
