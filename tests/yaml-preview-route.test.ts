import { describe, expect, it } from 'vitest';
import { POST } from '@/app/api/model-deployments/yaml-preview/route';
import { runAs } from '@/server/services/identity/principal-scope';
import { testPrincipal } from './support/principals';

// The route handler called as Next calls it, with a real Request: nothing is created, the answer
// carries the details and the problems.

const MODEL = 'ocid1.datasciencemodel.oc1.iad.aaaaaaaamodel';
const SPEC = `kind: deployment
spec:
  infrastructure:
    type: modelDeployment
    spec:
      projectId: ocid1.datascienceproject.oc1.iad.aaaaaaaaproject
      compartmentId: ocid1.compartment.oc1..aaaaaaaacompartment
      shapeName: VM.Standard2.1
  runtime:
    type: container
    spec:
      image: iad.ocir.io/tenancy/app:1.0
      serverPort: 5001
`;

// Signed in: the route answers only a principal (tests/with-principal.test.ts covers the 401).
const post = (body: string, headers: Record<string, string> = {}) =>
  runAs(testPrincipal(), () => POST(new Request('http://127.0.0.1/api/model-deployments/yaml-preview', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } }), undefined));

describe('POST /api/model-deployments/yaml-preview', () => {
  it('answers the details a valid spec stands for', async () => {
    const res = await post(JSON.stringify({ yaml: SPEC, modelId: MODEL }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; details: { modelDeploymentConfigurationDetails: { environmentConfigurationDetails: { serverPort: number } } }; problems: unknown[] };
    expect(body.ok).toBe(true);
    expect(body.problems).toEqual([]);
    expect(body.details.modelDeploymentConfigurationDetails.environmentConfigurationDetails.serverPort).toBe(5001);
  });

  it('answers the problems of a bad spec with path and line, still as 200', async () => {
    const res = await post(JSON.stringify({ yaml: SPEC.replace('serverPort: 5001', 'serverPort: 8446') }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; details: unknown; problems: { where: string; line: number }[] };
    expect(body.ok).toBe(false);
    expect(body.details).toBeNull();
    expect(body.problems.map((p) => [p.where, p.line])).toEqual([
      ['spec.runtime.spec.modelUri', 11],
      ['spec.runtime.spec.serverPort', 13],
    ]);
  });

  it('refuses a body that is not the preview request', async () => {
    const res = await post(JSON.stringify({ spec: SPEC }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('InvalidParameter');
    expect((await post('kind: deployment')).status).toBe(400);
  });

  it('refuses a body over its limit on the declared length', async () => {
    const res = await post('{}', { 'content-length': String(1024 * 1024) });
    expect(res.status).toBe(413);
  });
});
