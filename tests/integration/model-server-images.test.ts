import { beforeAll, describe, expect, it } from 'vitest';
import { ensureRuntimeImage } from '@/server/providers/local/docker/runtime-images';
import { docker } from './support';
import { runInImage } from './image-run';

// The model server's Python tests inside each runtime image, where gunicorn, uvicorn, uvloop and
// httptools are Debian's packages: test_berth_uvicorn starts gunicorn with gunicorn.conf.py on real
// sockets (the uvicorn worker, keep-alive, streaming, a predict longer than the worker timeout),
// and none of it may be skipped here as it is on a bare python3.

const SLUGS = ['generalml_p311_cpu_v1', 'minimal_p311_cpu_v1'] as const;
const images: Partial<Record<(typeof SLUGS)[number], string>> = {};

beforeAll(async () => {
  for (const slug of SLUGS) {
    const built = await ensureRuntimeImage(docker, slug);
    if (!built.ok) throw new Error(`runtime image ${slug}: ${built.error.message}`);
    images[slug] = built.data.tag;
  }
}, 900_000);

describe('the model server in the runtime images', () => {
  for (const slug of SLUGS) {
    it(`passes its tests in ${slug}, the uvicorn worker's not skipped`, async () => {
      const image = images[slug];
      if (!image) throw new Error(`no image for ${slug}`);
      const run = await runInImage(image, ['python3', '-B', '-m', 'unittest', '-v', 'test_berth_model_server', 'test_berth_asgi', 'test_berth_uvicorn']);
      expect(run.code, run.output).toBe(0);
      expect(run.output).toMatch(/^OK/m);
      expect(run.output).not.toContain('not installed here');
      expect(run.output).toMatch(/test_a_predict_longer_than_the_worker_timeout_answers_from_the_same_worker .*\.\.\. ok/);
      expect(run.output).toMatch(/test_it_runs_the_uvicorn_worker .*\.\.\. ok/);
    }, 300_000);
  }
});
