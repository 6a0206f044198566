import { describe, expect, it } from 'vitest';
import { containerImagesOf, filterContainerImages, splitReference, toSummary } from './container-images';

// The engine's images as OCIR's: one image per repository and digest, its tags the versions.

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const T = 'ocid1.tenancy.oc1..t';

describe('container images from the engine', () => {
  const images = containerImagesOf(
    [
      { reference: 'registry.local:5000/team/app:1', digest: D1, created: '2026-01-01T00:00:00.000Z', sizeBytes: 10 },
      { reference: 'registry.local:5000/team/app:stable', digest: D1, created: '2026-01-01T00:00:00.000Z', sizeBytes: 10 },
      { reference: 'registry.local:5000/team/app:2', digest: D2, created: '2026-02-01T00:00:00.000Z', sizeBytes: 20 },
      { reference: 'mirror/app:1', digest: D1, created: '2026-01-01T00:00:00.000Z', sizeBytes: 10 },
    ],
    T,
    'test',
  );

  it('splits a reference at the tag, not at a registry port', () => {
    expect(splitReference('registry.local:5000/team/app:1')).toEqual({ repository: 'registry.local:5000/team/app', tag: '1' });
    expect(splitReference('registry.local:5000/team/app')).toEqual({ repository: 'registry.local:5000/team/app', tag: 'latest' });
  });

  it('makes one image per repository and digest, newest first, with stable ids', () => {
    expect(images.map((i) => [i.repositoryName, i.digest, i.versions.map((v) => v.version)])).toEqual([
      ['registry.local:5000/team/app', D2, ['2']],
      ['mirror/app', D1, ['1']],
      ['registry.local:5000/team/app', D1, ['1', 'stable']],
    ]);
    expect(images[0]).toMatchObject({ compartmentId: T, displayName: 'registry.local:5000/team/app:2', version: '2', layersSizeInBytes: 20, lifecycleState: 'AVAILABLE' });
    expect(images[0]!.id).toMatch(/^ocid1\.containerimage\.oc1\.test\.[0-9a-f]{60}$/);
    expect(new Set(images.map((i) => i.id)).size).toBe(3);
    expect(containerImagesOf([{ reference: 'mirror/app:1', digest: D1, created: '2026-01-01T00:00:00.000Z', sizeBytes: 10 }], T, 'test')[0]!.id).toBe(images[1]!.id);
    expect(Object.keys(toSummary(images[0]!)).sort()).toEqual(['compartmentId', 'definedTags', 'digest', 'displayName', 'freeformTags', 'id', 'lifecycleState', 'repositoryId', 'repositoryName', 'systemTags', 'timeCreated', 'version']);
  });

  it('filters as ListContainerImages does, with a trailing * as a prefix', () => {
    expect(filterContainerImages(images, { repositoryName: 'registry.local:5000/*' })).toHaveLength(2);
    expect(filterContainerImages(images, { repositoryName: 'mirror/app' }).map((i) => i.digest)).toEqual([D1]);
    expect(filterContainerImages(images, { version: 'sta*' }).map((i) => i.digest)).toEqual([D1]);
    expect(filterContainerImages(images, { imageDigest: D2 })).toHaveLength(1);
    expect(filterContainerImages(images, { repositoryName: 'mirror' })).toEqual([]);
  });
});
