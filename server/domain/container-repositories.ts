import crypto from 'node:crypto';
import type { ContainerImageJson } from './container-images';

// OCI Container Registry's repositories (oci-artifacts' ContainerRepository and its summary) over
// the images of container-images.ts: one repository per repository name. OCIR names every
// repository of a tenancy under one namespace (the tenancy's Object Storage namespace), and an
// image's reference is <region key>.ocir.io/<namespace>/<repository>:<tag>. Berth has no such
// namespace: it answers one derived from the tenancy, stable and shaped as OCI's are (lowercase
// letters and digits), so a caller that builds references from it sees what OCI would give it.

export interface ContainerRepositoryJson {
  id: string;
  compartmentId: string;
  displayName: string;
  namespace: string;
  imageCount: number;
  layerCount: number;
  layersSizeInBytes: number;
  billableSizeInGBs: number;
  isPublic: boolean;
  isImmutable: boolean;
  lifecycleState: 'AVAILABLE';
  timeCreated: string;
  timeLastPushed: string;
  createdBy: string;
  freeformTags: Record<string, string>;
  definedTags: Record<string, Record<string, unknown>>;
  systemTags: Record<string, Record<string, unknown>>;
}

export type ContainerRepositorySummaryJson = Omit<ContainerRepositoryJson, 'isImmutable' | 'timeLastPushed' | 'createdBy'>;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** The registry namespace this installation answers for its tenancy: 12 characters, as OCI's. */
export function registryNamespaceOf(tenancyId: string): string {
  const digest = crypto.createHash('sha256').update(`ocir-namespace:${tenancyId}`).digest();
  // The first character a letter, as OCI's namespaces start.
  return [...digest.subarray(0, 12)].map((byte, i) => (i === 0 ? ALPHABET[byte % 26] : ALPHABET[byte % ALPHABET.length])).join('');
}

const GB = 1024 ** 3;

/** The repositories of the images, oldest first; each holds every image of its name. */
export function containerRepositoriesOf(images: readonly ContainerImageJson[], namespace: string): ContainerRepositoryJson[] {
  const byId = new Map<string, ContainerImageJson[]>();
  for (const image of images) byId.set(image.repositoryId, [...(byId.get(image.repositoryId) ?? []), image]);
  const out: ContainerRepositoryJson[] = [];
  for (const [id, held] of byId) {
    const first = held[0];
    if (!first) continue;
    const times = held.map((i) => i.timeCreated).sort();
    const layersSizeInBytes = held.reduce((sum, i) => sum + i.layersSizeInBytes, 0);
    out.push({
      id,
      compartmentId: first.compartmentId,
      displayName: first.repositoryName,
      namespace,
      imageCount: held.length,
      layerCount: held.reduce((sum, i) => sum + i.layers.length, 0),
      layersSizeInBytes,
      billableSizeInGBs: Math.ceil(layersSizeInBytes / GB),
      // The engine's images are this machine's: none is public, and a tag can be moved.
      isPublic: false,
      isImmutable: false,
      lifecycleState: 'AVAILABLE',
      timeCreated: times[0] ?? first.timeCreated,
      timeLastPushed: times.at(-1) ?? first.timeCreated,
      createdBy: first.createdBy,
      freeformTags: {},
      definedTags: {},
      systemTags: {},
    });
  }
  return out.sort((a, b) => a.timeCreated.localeCompare(b.timeCreated) || a.displayName.localeCompare(b.displayName));
}

export function toRepositorySummary(r: ContainerRepositoryJson): ContainerRepositorySummaryJson {
  const { isImmutable: _immutable, timeLastPushed: _pushed, createdBy: _by, ...summary } = r;
  return summary;
}

export interface ContainerRepositoryFilter {
  repositoryId?: string;
  displayName?: string;
  isPublic?: boolean;
  lifecycleState?: string;
}

export function filterContainerRepositories(repositories: readonly ContainerRepositoryJson[], f: ContainerRepositoryFilter): ContainerRepositoryJson[] {
  return repositories.filter(
    (r) =>
      (f.repositoryId === undefined || r.id === f.repositoryId) &&
      (f.displayName === undefined || r.displayName === f.displayName) &&
      (f.isPublic === undefined || r.isPublic === f.isPublic) &&
      (f.lifecycleState === undefined || r.lifecycleState === f.lifecycleState),
  );
}

/** The collection's totals are of every repository the filters keep, not only the page's. */
export function repositoryTotals(repositories: readonly ContainerRepositoryJson[]): { repositoryCount: number; imageCount: number; layerCount: number; layersSizeInBytes: number } {
  return {
    repositoryCount: repositories.length,
    imageCount: repositories.reduce((n, r) => n + r.imageCount, 0),
    layerCount: repositories.reduce((n, r) => n + r.layerCount, 0),
    layersSizeInBytes: repositories.reduce((n, r) => n + r.layersSizeInBytes, 0),
  };
}
