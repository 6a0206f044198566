import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleWithProject, stopConsole, type ConsoleProcess } from './console';

// A seeded fuzz of the API routes through the console as `npm start` serves it (real route
// handlers, real SQLite): ids, query parameters, JSON bodies and headers, generated. Whatever
// comes in, the answer is never a 5xx; errors carry OCI's { code, message }.

const SEED = Number(process.env.FUZZ_SEED ?? 20269);
const RUNS = 2400;

let c: ConsoleProcess;
let compartmentId: string;
let projectId: string;

beforeAll(async () => {
  ({ console: c, compartmentId, projectId } = await startConsoleWithProject('fuzz'));
});
afterAll(() => stopConsole(c));

interface FuzzRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: string;
  headers: Record<string, string>;
}

// Ids: anything (escaped), raw escapes good and bad, OCIDs of every kind, near-OCIDs.
const OCID_KINDS = ['datasciencemodeldeployment', 'datasciencemodel', 'datascienceproject', 'compartment', 'datascienceworkrequest', 'tenancy'];
const ocidLike = fc
  .tuple(fc.constantFrom(...OCID_KINDS), fc.constantFrom('oc1', 'oc2', ''), fc.constantFrom('it', 'local', ''), fc.stringMatching(/^[a-z0-9]{0,70}$/))
  .map(([kind, realm, region, rest]) => `ocid1.${kind}.${realm}.${region}.${rest}`);
const rawEscapes = fc.stringMatching(/^(%[0-9a-fA-FgzZ]{0,2}|[a-z.]){1,12}$/);
const anyText = fc.string({ unit: 'binary', maxLength: 80 });
const segment = fc.oneof(anyText.map(encodeURIComponent), rawEscapes, ocidLike, fc.constantFrom('%ff%fe', '%', '%zz', '..', '.', '%2e%2e', '%00', 'a'.repeat(3000), '%C3%A9'));
const uuidish = fc.oneof(fc.uuid(), segment);

const QUERY_KEYS = ['compartmentId', 'projectId', 'displayName', 'lifecycleState', 'limit', 'page', 'sortBy', 'sortOrder', 'category', 'level', 'text', 'startTime', 'endTime', 'cursor', 'afterId'];
const queryValue = fc.oneof(anyText, ocidLike, fc.integer().map(String), fc.constantFrom('ACTIVE', 'DESC', 'timeCreated', 'access,predict', 'ERROR', '-1', '1e309', 'NaN', '2026-13-45T99:00:00Z', '%ff'));
const query = fc
  .dictionary(fc.oneof(fc.constantFrom(...QUERY_KEYS), anyText), queryValue, { maxKeys: 5 })
  .map((q) => {
    const s = Object.entries(q)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&');
    return s ? `?${s}` : '';
  });

const headers = fc.record(
  {
    'content-type': fc.constantFrom('application/json', 'text/plain', 'multipart/form-data', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', ''),
    'opc-request-id': fc.string({ minLength: 1, maxLength: 200 }).filter((s) => /^[\x20-\x7e]+$/.test(s.trim()) && s.trim() === s),
    accept: fc.constantFrom('application/json', 'text/html', '*/*'),
  },
  { requiredKeys: [] },
);

function createBody(): fc.Arbitrary<unknown> {
  // Near-valid CreateModelDeploymentDetails with any part replaced by anything.
  const base = fc.record({
    projectId: fc.oneof(fc.constant(projectId), ocidLike, fc.jsonValue()),
    compartmentId: fc.oneof(fc.constant(compartmentId), ocidLike, fc.jsonValue()),
    displayName: fc.oneof(anyText, fc.jsonValue()),
    modelDeploymentConfigurationDetails: fc.oneof(
      fc.jsonValue(),
      fc.record({
        deploymentType: fc.oneof(fc.constant('SINGLE_MODEL'), fc.jsonValue()),
        modelConfigurationDetails: fc.oneof(
          fc.jsonValue(),
          fc.record({
            modelId: fc.oneof(ocidLike, fc.jsonValue()),
            instanceConfiguration: fc.oneof(
              fc.jsonValue(),
              fc.record({
                instanceShapeName: fc.oneof(fc.constantFrom('VM.Standard.E4.Flex', 'VM.Standard2.1', 'BM.GPU.A10.4'), anyText),
                modelDeploymentInstanceShapeConfigDetails: fc.record({ ocpus: fc.oneof(fc.double(), fc.integer()), memoryInGBs: fc.oneof(fc.double(), fc.integer()) }),
              }),
            ),
            scalingPolicy: fc.oneof(fc.jsonValue(), fc.record({ policyType: fc.constant('FIXED_SIZE'), instanceCount: fc.oneof(fc.integer(), fc.double()) })),
            bandwidthMbps: fc.oneof(fc.integer(), fc.double(), fc.jsonValue()),
          }),
        ),
        environmentConfigurationDetails: fc.oneof(
          fc.jsonValue(),
          fc.record({
            environmentConfigurationType: fc.constantFrom('OCIR_CONTAINER', 'DEFAULT', 'X'),
            image: fc.oneof(anyText, fc.constant('a'.repeat(238)), fc.stringMatching(/^[a-z0-9./:_-]{1,300}$/)),
            serverPort: fc.oneof(fc.integer(), fc.jsonValue()),
            healthCheckPort: fc.oneof(fc.integer(), fc.jsonValue()),
            environmentVariables: fc.oneof(fc.jsonValue(), fc.dictionary(anyText, anyText, { maxKeys: 3 })),
            cmd: fc.oneof(fc.jsonValue(), fc.array(anyText, { maxLength: 3 })),
          }),
        ),
      }),
    ),
    freeformTags: fc.oneof(fc.jsonValue(), fc.dictionary(anyText, anyText, { maxKeys: 3 })),
    definedTags: fc.jsonValue(),
  });
  return fc.oneof(base, fc.jsonValue());
}

const metricsBody = fc.oneof(
  fc.record({
    namespace: fc.oneof(fc.constant('oci_datascience_modeldeploy'), anyText),
    query: fc.oneof(
      anyText,
      fc
        .tuple(fc.constantFrom('PredictLatency', 'CpuUtilization', 'X'), fc.constantFrom('1m', '5m', '1h', '1d', '0m', '99h', ''), fc.stringMatching(/^[a-z*"=~!,&\\ ]{0,40}$/), fc.constantFrom('mean', 'p95', 'sum', 'grouping().max', 'bogus', ''))
        .map(([m, i, f, s]) => `${m}[${i}]{resourceId =~ "${f}"}.${s}()`),
    ),
    startTime: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), anyText),
    endTime: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), anyText),
    resolution: fc.oneof(fc.constantFrom('1m', '1h', '1d', '7s'), anyText),
  }, { requiredKeys: [] }),
  fc.jsonValue(),
);

const asBody = (v: unknown) => fc.oneof(fc.constant(JSON.stringify(v)), anyText);

function requests(): fc.Arbitrary<FuzzRequest> {
  const withHeaders = (r: fc.Arbitrary<Omit<FuzzRequest, 'headers'>>) => fc.tuple(r, headers).map(([req, h]) => ({ ...req, headers: h }));
  return fc.oneof(
    withHeaders(fc.tuple(segment, fc.constantFrom<'GET' | 'DELETE'>('GET', 'DELETE')).map(([id, method]) => ({ method, path: `/api/model-deployments/${id}` }))),
    withHeaders(fc.tuple(segment, query).map(([id, q]) => ({ method: 'GET' as const, path: `/api/model-deployments/${id}/logs${q}` }))),
    withHeaders(query.map((q) => ({ method: 'GET' as const, path: `/api/model-deployments${q}` }))),
    // A valid compartment with generated filters: the list itself answers, not only its validation.
    withHeaders(query.map((q) => ({ method: 'GET' as const, path: `/api/model-deployments?compartmentId=${compartmentId}${q.replace('?', '&')}` }))),
    withHeaders(fc.constant({ method: 'GET' as const, path: '/api/health' })),
    withHeaders(fc.tuple(segment, fc.jsonValue().chain(asBody)).map(([id, body]) => ({ method: 'POST' as const, path: `/api/model-deployments/${id}/invoke`, body }))),
    withHeaders(createBody().chain(asBody).map((body) => ({ method: 'POST' as const, path: '/api/model-deployments', body }))),
    withHeaders(metricsBody.chain(asBody).map((body) => ({ method: 'POST' as const, path: '/api/metrics', body }))),
    withHeaders(uuidish.map((id) => ({ method: 'GET' as const, path: `/api/work-requests/${id}` }))),
    withHeaders(uuidish.map((id) => ({ method: 'GET' as const, path: `/api/update-plans/${id}` }))),
    withHeaders(segment.map((id) => ({ method: 'GET' as const, path: `/api/models/${id}/artifact` }))),
    withHeaders(anyText.map((body) => ({ method: 'POST' as const, path: '/api/models', body }))),
  );
}

describe('API routes under generated input', () => {
  it(`answers ${RUNS} generated requests without a 5xx`, async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requests(), async (r) => {
        const res = await fetch(`${c.url}${r.path}`, {
          method: r.method,
          headers: { ...r.headers, ...c.auth },
          ...(r.body !== undefined ? { body: r.body } : {}),
          signal: AbortSignal.timeout(15_000),
        });
        const text = await res.text();
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        expect(res.status, `${r.method} ${r.path} -> ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
        if (res.status >= 400 && res.headers.get('content-type')?.includes('application/json')) {
          expect(JSON.parse(text), `${r.method} ${r.path}`).toMatchObject({ code: expect.stringMatching(/\S/), message: expect.stringMatching(/\S/) });
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    console.info(`statuses over ${RUNS} requests: ${[...seen.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}: ${n}`).join(', ')}`);
    // Not only refusals: the generator reaches the handlers' own answers too.
    expect([...seen.keys()].some((s) => s < 400)).toBe(true);
  });
});
