import { afterAll, describe, expect, it } from 'vitest';
import { BASE_IMAGE } from '@/server/providers/local/docker/base-image';
import { RUNTIME_REPO_PREFIX, listRuntimeImages, pruneOutdatedRuntimeImages } from '@/server/providers/local/docker/runtime-images';
import { buildImage, docker } from './support';

// Outdated runtime images (built from earlier sources) are removed at setup, unless a container
// still runs on one. Stand-ins for old images are one LABEL on the base image: no download.

const SLUG = 'minimal_p311_cpu_v1';
const OLD = `${RUNTIME_REPO_PREFIX}${SLUG}:0000000000aa`;
const containers: string[] = [];

afterAll(async () => {
  for (const id of containers) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
  await docker.getImage(OLD).remove({ force: true }).catch(() => undefined);
});

describe('runtime image pruning', () => {
  it('removes an outdated runtime image, keeps it while a container uses it, and never touches the current ones', async () => {
    const currentBefore = (await listRuntimeImages(docker)).filter((i) => i.current).map((i) => i.tag);
    expect(currentBefore.length).toBeGreaterThan(0);
    await buildImage(OLD, { Dockerfile: `FROM ${BASE_IMAGE}\nLABEL berth.managed="true" berth.runtime.slug="${SLUG}"\n` });
    expect((await listRuntimeImages(docker)).find((i) => i.tag === OLD)).toMatchObject({ current: false, slug: SLUG });

    const user = await docker.createContainer({ Image: OLD, Cmd: ['true'], Labels: { 'berth.test': 'true' } });
    containers.push(user.id);
    const first = await pruneOutdatedRuntimeImages(docker);
    expect(first.inUse).toContain(OLD);
    expect(first.removed).not.toContain(OLD);
    expect((await docker.getImage(OLD).inspect()).RepoTags).toContain(OLD);

    await user.remove({ force: true });
    const second = await pruneOutdatedRuntimeImages(docker);
    expect(second.removed).toContain(OLD);
    await expect(docker.getImage(OLD).inspect()).rejects.toMatchObject({ statusCode: 404 });
    const currentAfter = (await listRuntimeImages(docker)).filter((i) => i.current).map((i) => i.tag);
    expect(currentAfter.sort()).toEqual(currentBefore.sort());
  });
});
