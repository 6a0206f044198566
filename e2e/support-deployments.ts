import { expect, type APIRequestContext, type Page } from '@playwright/test';
import yazl from 'yazl';
import { createProject } from './support';

// Seeding for the deployment specs, through the product: the project through the UI, the model
// through POST /api/models (multipart upload), the deployment through POST /api/model-deployments.

export const RUNTIME_YAML = [
  "MODEL_ARTIFACT_VERSION: '3.0'",
  'MODEL_DEPLOYMENT:',
  '  INFERENCE_CONDA_ENV:',
  '    INFERENCE_ENV_SLUG: minimal_p311_cpu_v1',
  '    INFERENCE_ENV_TYPE: data_science',
  "    INFERENCE_PYTHON_VERSION: '3.11'",
  '',
].join('\n');

export const DOUBLING_SCORE_PY = [
  'def load_model():',
  '    return 2',
  '',
  'def predict(data, model=None):',
  '    return {"prediction": [x * 2 for x in data["x"]]}',
  '',
].join('\n');

/** The same model, but its load takes a few seconds, as real weights do: long enough to watch. */
export const SLOW_LOADING_SCORE_PY = DOUBLING_SCORE_PY.replace('    return 2', '    import time\n    time.sleep(4)\n    return 2');

/** A JSON Schema whose example is what the doubling model reads. */
export const X_INPUT_SCHEMA = JSON.stringify({
  type: 'object',
  required: ['x'],
  properties: { x: { type: 'array', items: { type: 'number' }, examples: [[1, 2, 3]] } },
});

export async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content, 'utf8'), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Creates a project in the UI and returns its OCID and its compartment's (from the breadcrumb). */
export async function createProjectForDeployments(page: Page, name: string): Promise<{ projectId: string; compartmentId: string }> {
  await createProject(page, name);
  const projectId = decodeURIComponent(page.url().split('/projects/')[1] ?? '');
  const href = await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Projects' }).getAttribute('href');
  const compartmentId = new URL(href ?? '', 'http://x').searchParams.get('compartmentId') ?? '';
  expect(compartmentId).toMatch(/^ocid1\.compartment\./);
  return { projectId, compartmentId };
}

export interface SeedModelInput {
  compartmentId: string;
  projectId: string;
  displayName: string;
  inputSchema?: string;
  scorePy?: string;
  runtimeYaml?: string;
}

export async function seedModel(request: APIRequestContext, input: SeedModelInput): Promise<string> {
  const { scorePy = DOUBLING_SCORE_PY, runtimeYaml = RUNTIME_YAML, ...details } = input;
  const res = await request.post('/api/models', {
    multipart: {
      details: JSON.stringify(details),
      artifact: { name: 'model.zip', mimeType: 'application/zip', buffer: await zipOf({ 'score.py': scorePy, 'runtime.yaml': runtimeYaml }) },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

export interface SeededDeployment {
  id: string;
  displayName: string;
  modelDeploymentUrl: string;
  workRequestId: string;
}

export async function seedDeployment(
  request: APIRequestContext,
  input: { compartmentId: string; projectId: string; modelId: string; displayName: string; freeformTags?: Record<string, string>; definedTags?: Record<string, Record<string, string>> },
): Promise<SeededDeployment> {
  const { modelId, ...rest } = input;
  const res = await request.post('/api/model-deployments', {
    data: {
      ...rest,
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: {
          modelId,
          instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
          scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
          bandwidthMbps: 10,
        },
      },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  const md = (await res.json()) as { id: string; displayName: string; modelDeploymentUrl: string; lifecycleState: string };
  expect(md.lifecycleState).toBe('CREATING');
  return { id: md.id, displayName: md.displayName, modelDeploymentUrl: md.modelDeploymentUrl, workRequestId: res.headers()['opc-work-request-id'] ?? '' };
}

/**
 * GetModelDeployment, once more on a fresh connection when the reused one was reset: a console
 * whose event loop stalls past its keep-alive time on a loaded host closes an idle connection just
 * as the next poll goes out. A browser retries an idempotent request then; the API client does not.
 */
async function getDeployment(request: APIRequestContext, id: string) {
  const url = `/api/model-deployments/${id}`;
  try {
    return await request.get(url);
  } catch (e) {
    if (!/ECONNRESET|socket hang up|EPIPE/.test(String(e))) throw e;
    return request.get(url);
  }
}

/** Waits, through GetModelDeployment, until the deployment reaches `state`. */
export async function waitForState(request: APIRequestContext, id: string, state: string, timeout = 120_000): Promise<void> {
  await expect
    .poll(async () => ((await (await getDeployment(request, id)).json()) as { lifecycleState: string }).lifecycleState, {
      timeout,
      intervals: [250, 500, 1000],
    })
    .toBe(state);
}

/** Deletes what a test created, whatever state it reached, so no container outlives the run. */
export async function deleteDeployments(request: APIRequestContext, ids: readonly string[]): Promise<void> {
  const stateOf = async (id: string) => {
    const res = await getDeployment(request, id);
    return res.ok() ? ((await res.json()) as { lifecycleState: string }).lifecycleState : 'GONE';
  };
  for (const id of ids) {
    await expect.poll(() => stateOf(id), { timeout: 120_000 }).not.toMatch(/^(CREATING|UPDATING|DELETING)$/);
    if (['DELETED', 'GONE'].includes(await stateOf(id))) continue;
    const res = await request.delete(`/api/model-deployments/${id}`);
    if (res.status() === 202) await waitForState(request, id, 'DELETED');
  }
}

export const deploymentRow = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
