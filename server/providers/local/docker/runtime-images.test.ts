import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { RUNTIME_ENVIRONMENTS } from '@/server/domain/runtimes';
import { ensureRuntimeImage, runtimeContextFiles, runtimeImageTag } from './runtime-images';

const [generalml, minimal] = RUNTIME_ENVIRONMENTS;

describe('runtimeImageTag', () => {
  it('names the slug and a content hash, the same on every call', () => {
    if (!generalml || !minimal) throw new Error('the catalog has two runtimes');
    const tag = runtimeImageTag(generalml);
    expect(tag).toMatch(/^berth-runtime\/generalml_p311_cpu_v1:[0-9a-f]{12}$/);
    expect(runtimeImageTag(generalml)).toBe(tag);
    expect(runtimeImageTag(minimal)).not.toBe(tag.replace('generalml_p311_cpu_v1', 'minimal_p311_cpu_v1'));
  });

  it('builds from the Dockerfile and the model server, not its tests', () => {
    if (!generalml) throw new Error('the catalog has a runtime');
    expect(runtimeContextFiles(generalml)).toEqual([
      'generalml-cpu/Dockerfile',
      'model-server/berth_asgi.py',
      'model-server/berth_mlflow.py',
      'model-server/berth_model_server.py',
      'model-server/berth_uvicorn.py',
      'model-server/gunicorn.conf.py',
    ]);
  });
});

describe('ensureRuntimeImage', () => {
  it('answers InvalidParameter for a slug not in the catalog, before touching Docker', async () => {
    const noEngine = {} as Docker; // never called: the slug is checked first
    const result = await ensureRuntimeImage(noEngine, 'tensorflow28_p38_gpu_v1');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('InvalidParameter');
    expect(result.error.message).toContain('"tensorflow28_p38_gpu_v1"');
    expect(result.error.message).toContain('generalml_p311_cpu_v1, minimal_p311_cpu_v1');
  });
});
