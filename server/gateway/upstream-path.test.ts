import { describe, expect, it } from 'vitest';
import { healthPathOf, parsePredictUrl, upstreamPathOf, type PathRoute } from './upstream-path';

const MD = 'ocid1.datasciencemodeldeployment.oc1.iad.aaaaaaaaxyz';
const route = (over: Partial<PathRoute> = {}): PathRoute => ({ predictPath: '/predict', healthPath: '/health', containerType: null, ...over });
const target = (url: string) => {
  const t = parsePredictUrl(url);
  if (!t) throw new Error(`not a predict URL: ${url}`);
  return t;
};
const pathOf = (r: PathRoute, url: string, headers = {}) => upstreamPathOf(r, target(url), headers);

describe('parsePredictUrl', () => {
  it('takes OCI predict URLs apart', () => {
    expect(parsePredictUrl(`/${MD}/predict`)).toEqual({ modelDeploymentId: MD, kind: 'predict', suffix: '', query: '' });
    expect(parsePredictUrl(`/${MD}/predictWithResponseStream?x=1`)).toEqual({
      modelDeploymentId: MD,
      kind: 'predictWithResponseStream',
      suffix: '',
      query: '?x=1',
    });
    expect(parsePredictUrl(`/${MD}/predict/v1/chat/completions`)).toMatchObject({ suffix: 'v1/chat/completions' });
  });

  it('refuses everything else', () => {
    for (const url of ['/', `/${MD}`, `/${MD}/`, `/${MD}/predictx`, `//predict`, `/${MD}/predict/../x`, `/${MD}/predict/a/%2E%2E/b`, 'predict']) {
      expect(parsePredictUrl(url), url).toBeNull();
    }
  });
});

describe('upstreamPathOf', () => {
  it('forwards to the predict path, streaming to its own path only by default', () => {
    expect(pathOf(route(), `/${MD}/predict`)).toEqual({ ok: true, path: '/predict' });
    expect(pathOf(route(), `/${MD}/predictWithResponseStream`)).toEqual({ ok: true, path: '/predictWithResponseStream' });
    const remapped = route({ predictPath: '/v1/completions' });
    expect(pathOf(remapped, `/${MD}/predict`)).toEqual({ ok: true, path: '/v1/completions' });
    expect(pathOf(remapped, `/${MD}/predictWithResponseStream`)).toEqual({ ok: true, path: '/v1/completions' });
  });

  it('appends the suffix and the query', () => {
    expect(pathOf(route(), `/${MD}/predict/v1/models?all=1`)).toEqual({ ok: true, path: '/predict/v1/models?all=1' });
    expect(pathOf(route({ predictPath: '/' }), `/${MD}/predict/v1/models`)).toEqual({ ok: true, path: '/v1/models' });
  });

  it('maps TRITON to the v2 inference path from the model headers', () => {
    const triton = route({ containerType: 'TRITON' });
    expect(pathOf(triton, `/${MD}/predict`, { model_name: 'resnet' })).toEqual({ ok: true, path: '/v2/models/resnet/infer' });
    expect(pathOf(triton, `/${MD}/predict`, { model_name: 'a b', model_version: '2' })).toEqual({
      ok: true,
      path: '/v2/models/a%20b/versions/2/infer',
    });
    expect(pathOf(triton, `/${MD}/predict`)).toMatchObject({ ok: false, message: expect.stringContaining('model_name') });
    expect(pathOf(triton, `/${MD}/predict/v2/models/resnet/config`)).toEqual({ ok: true, path: '/v2/models/resnet/config' });
  });

  it('checks Triton on its readiness path', () => {
    expect(healthPathOf(route({ containerType: 'TRITON', healthPath: '/health' }))).toBe('/v2/health/ready');
    expect(healthPathOf(route({ healthPath: '/ready' }))).toBe('/ready');
  });
});
