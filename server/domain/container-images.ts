import crypto from 'node:crypto';
import type { LocalImage } from './editor-options';

// The images a BYOC deployment can use, in OCI Container Registry's shapes (oci-artifacts'
// ContainerImage and ContainerImageSummary), from the images this machine's engine holds. OCIR
// keeps one image per repository and digest, its tags as versions; a local engine keeps one image
// per id with any number of repository:tag names, so each (repository, id) is one image here, its
// tags its versions. Berth has no registry namespace and no compartments for images: every
// image is in the tenancy.

export interface ContainerVersionJson {
  version: string;
  createdBy: string;
  timeCreated: string;
}

export interface ContainerImageJson {
  id: string;
  compartmentId: string;
  digest: string;
  displayName: string;
  repositoryId: string;
  repositoryName: string;
  version?: string;
  lifecycleState: 'AVAILABLE';
  timeCreated: string;
  freeformTags: Record<string, string>;
  definedTags: Record<string, Record<string, unknown>>;
  systemTags: Record<string, Record<string, unknown>>;
  createdBy: string;
  layers: { digest: string; sizeInBytes: number; timeCreated: string }[];
  layersSizeInBytes: number;
  manifestSizeInBytes: number;
  pullCount: number;
  versions: ContainerVersionJson[];
}

export type ContainerImageSummaryJson = Pick<
  ContainerImageJson,
  'id' | 'compartmentId' | 'digest' | 'displayName' | 'repositoryId' | 'repositoryName' | 'version' | 'lifecycleState' | 'timeCreated' | 'freeformTags' | 'definedTags' | 'systemTags'
>;

const CREATED_BY = 'local Docker engine';

/** `registry:5000/team/app:1` is repository `registry:5000/team/app`, tag `1`. */
export function splitReference(reference: string): { repository: string; tag: string } {
  const slash = reference.lastIndexOf('/');
  const colon = reference.lastIndexOf(':');
  return colon > slash ? { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) } : { repository: reference, tag: 'latest' };
}

const unique = (text: string) => crypto.createHash('sha256').update(text).digest('hex').slice(0, 60);

/** A stable OCID, so the same image has the same id on every call. */
export const containerImageOcid = (region: string, repository: string, digest: string) => `ocid1.containerimage.oc1.${region}.${unique(`${repository}@${digest}`)}`;
export const containerRepositoryOcid = (region: string, repository: string) => `ocid1.containerrepo.oc1.${region}.${unique(repository)}`;

/** The images, newest first; within one, the newest tag is its `version` (OCI: the most recent). */
export function containerImagesOf(images: readonly LocalImage[], tenancyId: string, region: string): ContainerImageJson[] {
  const byKey = new Map<string, { repository: string; digest: string; sizeBytes: number; tags: { tag: string; created: string }[] }>();
  for (const image of images) {
    const { repository, tag } = splitReference(image.reference);
    const key = `${repository}@${image.digest}`;
    const entry = byKey.get(key) ?? { repository, digest: image.digest, sizeBytes: image.sizeBytes, tags: [] };
    entry.tags.push({ tag, created: image.created });
    byKey.set(key, entry);
  }
  const out: ContainerImageJson[] = [];
  for (const e of byKey.values()) {
    const tags = [...e.tags].sort((a, b) => b.created.localeCompare(a.created) || a.tag.localeCompare(b.tag));
    const newest = tags[0];
    const timeCreated = newest?.created ?? new Date(0).toISOString();
    out.push({
      id: containerImageOcid(region, e.repository, e.digest),
      compartmentId: tenancyId,
      digest: e.digest,
      displayName: newest ? `${e.repository}:${newest.tag}` : `${e.repository}@${e.digest}`,
      repositoryId: containerRepositoryOcid(region, e.repository),
      repositoryName: e.repository,
      ...(newest ? { version: newest.tag } : {}),
      lifecycleState: 'AVAILABLE',
      timeCreated,
      freeformTags: {},
      definedTags: {},
      systemTags: {},
      createdBy: CREATED_BY,
      // The engine reports an image's size, not its layers': one layer of that size stands for them.
      layers: [{ digest: e.digest, sizeInBytes: e.sizeBytes, timeCreated }],
      layersSizeInBytes: e.sizeBytes,
      manifestSizeInBytes: 0,
      pullCount: 0,
      versions: tags.map((t) => ({ version: t.tag, createdBy: CREATED_BY, timeCreated: t.created })),
    });
  }
  return out.sort((a, b) => b.timeCreated.localeCompare(a.timeCreated) || a.repositoryName.localeCompare(b.repositoryName));
}

export function toSummary(i: ContainerImageJson): ContainerImageSummaryJson {
  const { id, compartmentId, digest, displayName, repositoryId, repositoryName, version, lifecycleState, timeCreated, freeformTags, definedTags, systemTags } = i;
  return { id, compartmentId, digest, displayName, repositoryId, repositoryName, ...(version !== undefined ? { version } : {}), lifecycleState, timeCreated, freeformTags, definedTags, systemTags };
}

export interface ContainerImageFilter {
  repositoryName?: string;
  version?: string;
  imageDigest?: string;
  displayName?: string;
  repositoryId?: string;
  imageId?: string;
  isVersioned?: boolean;
  lifecycleState?: string;
}

/** OCI's `foo*` prefix match (repositoryName, version); any other value must match whole. */
const matches = (pattern: string | undefined, value: string | undefined) =>
  pattern === undefined || (pattern.endsWith('*') ? (value ?? '').startsWith(pattern.slice(0, -1)) : value === pattern);

export function filterContainerImages(images: readonly ContainerImageJson[], f: ContainerImageFilter): ContainerImageJson[] {
  return images.filter(
    (i) =>
      matches(f.repositoryName, i.repositoryName) &&
      (f.version === undefined || i.versions.some((v) => matches(f.version, v.version))) &&
      (f.imageDigest === undefined || i.digest === f.imageDigest) &&
      (f.displayName === undefined || i.displayName === f.displayName) &&
      (f.repositoryId === undefined || i.repositoryId === f.repositoryId) &&
      (f.imageId === undefined || i.id === f.imageId) &&
      (f.isVersioned === undefined || f.isVersioned === i.versions.length > 0) &&
      (f.lifecycleState === undefined || i.lifecycleState === f.lifecycleState),
  );
}
