import { factsOf } from '@/server/domain/artifact-introspection';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import yazl from 'yazl';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { modelArtifacts, models } from '@/db/schema';
import { createTempContext } from '@/tests/support/temp-context';
import { handleModelUpload, type UploadOutcome } from './model-upload';
import { modelsServiceOf } from './models';

type Ctx = ReturnType<typeof createTempContext>;
let ctx: Ctx;
let projectId: string;

beforeEach(async () => {
  ctx = createTempContext();
  const p = await ctx.provider.createProject({ compartmentId: ctx.installation.defaultCompartmentId, displayName: 'p' });
  if (!p.ok) throw new Error(p.error.message);
  projectId = p.data.id;
});
afterEach(() => ctx.dispose());

const SCORE = 'import json\n\ndef load_model():\n    return None\n\ndef predict(data, model=load_model()):\n    return {"prediction": data}\n';
const RUNTIME = 'MODEL_ARTIFACT_VERSION: "3.0"\nMODEL_DEPLOYMENT:\n  INFERENCE_CONDA_ENV:\n    INFERENCE_ENV_SLUG: generalml_p311_cpu_v1\n    INFERENCE_ENV_TYPE: data_science\n    INFERENCE_PYTHON_VERSION: "3.11"\n';

function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

/** yazl refuses "../" names, so the entry is renamed in place (same length, CRCs unaffected). */
async function zipSlip(): Promise<Buffer> {
  const zip = await zipOf({ 'score.py': SCORE, 'aa/evil.py': 'print(1)' });
  return Buffer.from(zip.toString('latin1').replaceAll('aa/evil.py', '../evil.py'), 'latin1');
}

const BOUNDARY = 'berthtestboundary';
function multipart(parts: ({ name: string; value: string } | { name: string; file: Buffer; filename: string })[]): Buffer {
  const out: Buffer[] = [];
  for (const p of parts) {
    const head =
      'file' in p
        ? `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: application/zip\r\n\r\n`
        : `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n`;
    out.push(Buffer.from(head), 'file' in p ? p.file : Buffer.from(p.value), Buffer.from('\r\n'));
  }
  out.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(out);
}

const details = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ compartmentId: ctx.installation.defaultCompartmentId, projectId, displayName: 'm1', ...extra });

async function upload(body: Buffer | Readable, opts: { maxArtifactBytes?: number; contentType?: string; contentLength?: string } = {}): Promise<UploadOutcome> {
  const service = modelsServiceOf(ctx);
  return handleModelUpload(
    { maxArtifactBytes: opts.maxArtifactBytes ?? ctx.config.maxArtifactBytes, createWithArtifact: service.createWithArtifact },
    { contentType: opts.contentType ?? `multipart/form-data; boundary=${BOUNDARY}`, contentLength: opts.contentLength ?? (Buffer.isBuffer(body) ? String(body.length) : null) },
    Buffer.isBuffer(body) ? Readable.from([body]) : body,
  );
}

const stored = () => ({
  models: ctx.db.select().from(models).all().length,
  artifacts: ctx.db.select().from(modelArtifacts).all().length,
  files: fs.existsSync(ctx.config.artifactsDir) ? fs.readdirSync(ctx.config.artifactsDir).length : 0,
});
const NOTHING = { models: 0, artifacts: 0, files: 0 };

describe('POST /api/models (handleModelUpload)', () => {
  it('creates the model, stores the artifact and records what score.py defines', async () => {
    const zip = await zipOf({ 'score.py': SCORE, 'runtime.yaml': RUNTIME });
    const provenance = { repositoryUrl: 'https://example.com/r.git', gitCommit: 'abcdef1', gitBranch: '' };
    const r = await upload(multipart([{ name: 'details', value: details({ provenance }) }, { name: 'artifact', file: zip, filename: 'model.zip' }]));
    expect(r.body).toMatchObject({ displayName: 'm1' });
    if (r.status !== 201 || !('lifecycleState' in r.body)) throw new Error('expected a model');
    expect(r.body).toMatchObject({ displayName: 'm1', lifecycleState: 'ACTIVE', projectId });
    const head = await ctx.provider.headModelArtifact(r.body.id);
    expect(head.ok && head.data).toMatchObject({ fileName: 'model.zip', sizeInBytes: zip.length });
    expect(head.ok && head.data.introspection.state).toBe('inspected');
    expect(head.ok && factsOf(head.data.introspection)).toMatchObject({
      scoreDir: '',
      scoreFunctions: { loadModel: true, predict: true },
      hasRuntimeYaml: true,
      runtime: { slug: 'generalml_p311_cpu_v1' },
      predictInputKeys: [],
    });
    expect(await ctx.provider.getModelProvenance(r.body.id)).toEqual({ ok: true, data: { repositoryUrl: 'https://example.com/r.git', gitCommit: 'abcdef1' } });
  });

  it('notices a score.py without predict', async () => {
    const zip = await zipOf({ 'm/score.py': 'def load_model():\n    pass\n\nclass X:\n    def predict(self):\n        pass\n' });
    const r = await upload(multipart([{ name: 'details', value: details() }, { name: 'artifact', file: zip, filename: 'm.zip' }]));
    if (r.status !== 201 || !('id' in r.body)) throw new Error('expected a model');
    const head = await ctx.provider.headModelArtifact(r.body.id);
    expect(head.ok && factsOf(head.data.introspection)).toMatchObject({ scoreDir: 'm', scoreFunctions: { loadModel: true, predict: false }, hasRuntimeYaml: false });
  });

  it('refuses a file that is not a zip and stores nothing', async () => {
    const r = await upload(multipart([{ name: 'details', value: details() }, { name: 'artifact', file: Buffer.from('just text'), filename: 'bad.zip' }]));
    expect(r).toEqual({ status: 400, body: { code: 'InvalidParameter', message: 'The artifact is not a zip archive.' } });
    expect(stored()).toEqual(NOTHING);
  });

  it('refuses zip slip and stores nothing', async () => {
    const r = await upload(multipart([{ name: 'details', value: details() }, { name: 'artifact', file: await zipSlip(), filename: 'slip.zip' }]));
    expect(r.status).toBe(400);
    // yauzl refuses the name before our own zip-slip guard sees it; either way it is named.
    expect(r.body).toMatchObject({ code: 'InvalidParameter', message: expect.stringMatching(/^The artifact .*\.\.\/evil\.py/) });
    expect(stored()).toEqual(NOTHING);
  });

  it('refuses an artifact over the limit with 413, while streaming, and stores nothing', async () => {
    const zip = await zipOf({ 'score.py': SCORE, 'weights.bin': crypto.randomBytes(50_000).toString('base64') });
    expect(zip.length).toBeGreaterThan(1000);
    const r = await upload(multipart([{ name: 'details', value: details() }, { name: 'artifact', file: zip, filename: 'big.zip' }]), { maxArtifactBytes: 1000 });
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ code: 'PayloadTooLarge' });
    expect(r.body).toMatchObject({ message: expect.stringMatching(/larger than the limit of 1000 B/) });
    expect(stored()).toEqual(NOTHING);
  });

  it('refuses a declared length far over the limit before reading', async () => {
    const body = multipart([{ name: 'details', value: details() }]);
    const r = await upload(body, { maxArtifactBytes: 1000, contentLength: String(50 * 1024 * 1024) });
    expect(r.status).toBe(413);
    expect(stored()).toEqual(NOTHING);
  });

  it('answers a declared length over the limit at once, without waiting for the body', async () => {
    // A body that never ends: reading it first would never answer (a 3 GB upload waited 30 s).
    const endless = new PassThrough();
    endless.write(multipart([{ name: 'details', value: details() }]));
    const r = await upload(endless, { maxArtifactBytes: 1000, contentLength: String(3 * 1024 ** 3) });
    expect(r).toMatchObject({ status: 413, close: true, body: { code: 'PayloadTooLarge' } });
    const notMultipart = await upload(new PassThrough(), { contentType: 'application/json', contentLength: '10' });
    expect(notMultipart).toMatchObject({ status: 400, close: true });
    expect(stored()).toEqual(NOTHING);
  });

  it('refuses invalid details with field errors and never creates the model', async () => {
    const zip = await zipOf({ 'score.py': SCORE });
    const r = await upload(multipart([{ name: 'details', value: details({ inputSchema: '{nope' }) }, { name: 'artifact', file: zip, filename: 'm.zip' }]));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'InvalidParameter', fieldErrors: { inputSchema: expect.stringMatching(/^Input schema is not valid JSON/) } });
    const notJson = await upload(multipart([{ name: 'details', value: '{' }, { name: 'artifact', file: zip, filename: 'm.zip' }]));
    expect(notJson.body).toMatchObject({ message: 'The details field is not valid JSON.' });
    expect(stored()).toEqual(NOTHING);
  });

  it('refuses an unknown project with 404 and stores nothing', async () => {
    const zip = await zipOf({ 'score.py': SCORE });
    const other = 'ocid1.datascienceproject.oc1.test.' + 'a'.repeat(60);
    const r = await upload(multipart([{ name: 'details', value: details({ projectId: other }) }, { name: 'artifact', file: zip, filename: 'm.zip' }]));
    expect(r.status).toBe(404);
    expect(stored()).toEqual(NOTHING);
  });

  it('wants details first, an artifact, and multipart at all', async () => {
    const zip = await zipOf({ 'score.py': SCORE });
    const reversed = await upload(multipart([{ name: 'artifact', file: zip, filename: 'm.zip' }, { name: 'details', value: details() }]));
    expect(reversed.body).toMatchObject({ message: 'The "details" field must come before the "artifact" file.' });
    const noFile = await upload(multipart([{ name: 'details', value: details() }]));
    expect(noFile).toMatchObject({ status: 400, body: { code: 'MissingParameter' } });
    const json = await upload(Buffer.from('{}'), { contentType: 'application/json' });
    expect(json.body).toMatchObject({ message: expect.stringMatching(/multipart\/form-data/) });
    expect(stored()).toEqual(NOTHING);
  });

  it('removes the model when the request is cut off mid-artifact', async () => {
    const zip = await zipOf({ 'score.py': SCORE, 'weights.bin': crypto.randomBytes(200_000).toString('base64') });
    const full = multipart([{ name: 'details', value: details() }, { name: 'artifact', file: zip, filename: 'm.zip' }]);
    const body = new PassThrough();
    const result = upload(body);
    body.write(full.subarray(0, full.length / 2));
    body.destroy(new Error('client went away'));
    const r = await result;
    expect(r.status).toBe(400);
    expect(stored()).toEqual(NOTHING);
  });
});

describe('artifact files on disk', () => {
  it('keeps the uploaded bytes for download', async () => {
    const zip = await zipOf({ 'score.py': SCORE });
    const r = await upload(multipart([{ name: 'details', value: details() }, { name: 'artifact', file: zip, filename: 'm.zip' }]));
    if (r.status !== 201 || !('id' in r.body)) throw new Error('expected a model');
    const content = await ctx.provider.getModelArtifactContent(r.body.id);
    if (!content.ok) throw new Error(content.error.message);
    const chunks: Buffer[] = [];
    for await (const c of content.data.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(zip)).toBe(true);
    expect(fs.readdirSync(path.join(ctx.config.artifactsDir, r.body.id))).toHaveLength(1);
  });
});
