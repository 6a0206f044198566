import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import yazl from 'yazl';
import { afterEach, describe, expect, it } from 'vitest';
import { modelArtifacts, models } from '@/db/schema';
import { sweepArtifactLeftovers } from '@/server/providers/local/artifacts/sweep';
import { createTempContext, type TempContext } from '@/tests/support/temp-context';
import { zerosZip } from '@/tests/support/zip-bomb';
import { modelsServiceOf } from './models';

// Where artifacts live on disk: only complete ones, within the data quota, gone with their model.

let ctx: TempContext;
afterEach(() => ctx.dispose());

async function setup(env: Record<string, string> = {}) {
  ctx = createTempContext(undefined, env);
  const p = await ctx.provider.createProject({ compartmentId: ctx.installation.defaultCompartmentId, displayName: 'p' });
  if (!p.ok) throw new Error(p.error.message);
  const details = { compartmentId: ctx.installation.defaultCompartmentId, projectId: p.data.id, displayName: 'm', inputSchema: undefined, outputSchema: undefined };
  return { details, service: modelsServiceOf(ctx) };
}

function zipOf(files: Record<string, Buffer | string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(files)) zip.addBuffer(Buffer.isBuffer(data) ? data : Buffer.from(data), name);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

const SCORE = 'def load_model():\n    return None\n\ndef predict(data, model=None):\n    return data\n';

/** Every file under a folder, relative to it. */
const filesUnder = (dir: string) =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile()) : [];

const onDisk = () => ({ artifacts: filesUnder(ctx.config.artifactsDir).length, uploads: filesUnder(ctx.config.uploadsDir).length });
const rows = () => ({ models: ctx.db.select().from(models).all().length, artifacts: ctx.db.select().from(modelArtifacts).all().length });

describe('artifact storage', () => {
  it('refuses the zip bomb of 1,024 entries of 1 MiB zeros before writing any of it', async () => {
    const { details, service } = await setup();
    const bomb = zerosZip(1024);
    expect(bomb.length).toBeLessThan(1_200_000);
    const r = await service.createWithArtifact(details, Readable.from([bomb]), 'bomb.zip');
    expect(r).toMatchObject({ ok: false, error: { code: 'InvalidParameter', message: expect.stringMatching(/unpacks to 1 GB from [\d.]+ MB, \d+ times its size; this looks like a zip bomb/) } });
    expect(rows()).toEqual({ models: 0, artifacts: 0 });
    expect(onDisk()).toEqual({ artifacts: 0, uploads: 0 });
  });

  it('still takes an archive that compresses well but is small, and one of incompressible data', async () => {
    const { details, service } = await setup();
    const text = await zipOf({ 'score.py': SCORE, 'vocab.txt': 'the '.repeat(200_000) });
    expect((await service.createWithArtifact(details, Readable.from([text]), 'text.zip')).ok).toBe(true);
    const weights = await zipOf({ 'score.py': SCORE, 'weights.bin': crypto.randomBytes(20 * 1024 * 1024) });
    expect((await service.createWithArtifact(details, Readable.from([weights]), 'w.zip')).ok).toBe(true);
  });

  it('refuses an upload that would pass the data quota, saying how much room is left', async () => {
    // 0.02 GB is about 20 MB: room for a small model, not for 30 MB of weights.
    const { details, service } = await setup({ BERTH_DATA_QUOTA_GB: '0.02' });
    const big = await zipOf({ 'score.py': SCORE, 'weights.bin': crypto.randomBytes(30 * 1024 * 1024) });
    const r = await service.createWithArtifact(details, Readable.from([big]), 'big.zip');
    expect(r).toMatchObject({ ok: false, error: { code: 'LimitExceeded', message: expect.stringMatching(/quota of 20.5 MB \(BERTH_DATA_QUOTA_GB\) is reached/) } });
    expect(rows()).toEqual({ models: 0, artifacts: 0 });
    expect(onDisk()).toEqual({ artifacts: 0, uploads: 0 });
    const small = await zipOf({ 'score.py': SCORE });
    expect((await service.createWithArtifact(details, Readable.from([small]), 'small.zip')).ok).toBe(true);
  });

  it('shows no model while its artifact is still arriving, and none when the upload breaks off', async () => {
    const { details, service } = await setup();
    const zip = await zipOf({ 'score.py': SCORE, 'weights.bin': crypto.randomBytes(2 * 1024 * 1024) });
    const source = new PassThrough();
    const created = service.createWithArtifact(details, source, 'm.zip');
    source.write(zip.subarray(0, 1024 * 1024));
    // Half the zip is on the disk (in uploads/) and no model lists yet.
    await waitUntil(() => onDisk().uploads === 1);
    const listed = await ctx.provider.listModels({ compartmentId: details.compartmentId, limit: 10 });
    expect(listed.ok && listed.data.items).toEqual([]);
    source.destroy(new Error('the client went away'));
    expect((await created).ok).toBe(false);
    expect(rows()).toEqual({ models: 0, artifacts: 0 });
    expect(onDisk()).toEqual({ artifacts: 0, uploads: 0 });
  });

  it('removes at boot what a killed console left, and keeps stored artifacts', async () => {
    const { details, service } = await setup();
    const kept = await service.createWithArtifact(details, Readable.from([await zipOf({ 'score.py': SCORE })]), 'm.zip');
    if (!kept.ok) throw new Error(kept.error.message);
    const keptFiles = filesUnder(ctx.config.artifactsDir);
    // A half-written upload, an artifact moved in whose model row never came, a stray upload folder.
    fs.mkdirSync(path.join(ctx.config.uploadsDir, 'half'), { recursive: true });
    fs.writeFileSync(path.join(ctx.config.uploadsDir, 'half', 'artifact.zip'), 'PK partial');
    fs.mkdirSync(path.join(ctx.config.artifactsDir, 'ocid1.datasciencemodel.oc1.test.orphan', 'u1'), { recursive: true });
    fs.mkdirSync(path.join(ctx.config.artifactsDir, kept.data.id, 'stray'), { recursive: true });
    const swept = sweepArtifactLeftovers(ctx.db, ctx.config);
    expect(swept.removed.sort()).toEqual([`artifacts/${kept.data.id}/stray`, 'artifacts/ocid1.datasciencemodel.oc1.test.orphan', 'uploads/half']);
    expect(filesUnder(ctx.config.artifactsDir)).toEqual(keptFiles);
    expect(onDisk().uploads).toBe(0);
  });

  it('deletes the artifact files with the model', async () => {
    const { details, service } = await setup();
    const m = await service.createWithArtifact(details, Readable.from([await zipOf({ 'score.py': SCORE, 'w.bin': crypto.randomBytes(1024 * 1024) })]), 'm.zip');
    if (!m.ok) throw new Error(m.error.message);
    expect(onDisk().artifacts).toBeGreaterThan(1);
    expect((await service.remove(m.data.id)).ok).toBe(true);
    expect(fs.existsSync(path.join(ctx.config.artifactsDir, m.data.id))).toBe(false);
    expect(rows()).toEqual({ models: 1, artifacts: 0 });
    expect((await ctx.provider.getModel(m.data.id)).ok && (await ctx.provider.getModel(m.data.id))).toMatchObject({ data: { lifecycleState: 'DELETED' } });
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
