import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import yazl from 'yazl';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@/server/config';
import { createAppContext } from '@/server/services/context';
import { startConsole, type ConsoleProcess } from './console';

// A console killed (SIGKILL) in the middle of an upload, then started again over the same data.

const consoles: ConsoleProcess[] = [];
afterAll(async () => {
  for (const c of consoles) await c.stop();
  const dir = consoles[0]?.dataDir;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function zipOf(files: Record<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(files)) zip.addBuffer(data, name, { compress: false });
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

const filesUnder = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile()) : []);
const modelCount = (dataDir: string) => {
  const db = new Database(path.join(dataDir, 'berth.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM models').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a console killed during an upload', () => {
  it('shows no model for it, and the next boot removes the partial files', async () => {
    const c = await startConsole();
    consoles.push(c);
    const ctx = createAppContext(loadConfig({ BERTH_DATA_DIR: c.dataDir, BERTH_REGION: 'it' }));
    const project = await ctx.provider.createProject({ compartmentId: ctx.installation.defaultCompartmentId, displayName: 'crash' });
    const compartmentId = ctx.installation.defaultCompartmentId;
    ctx.db.$client.close();
    if (!project.ok) throw new Error(project.error.message);

    const zip = await zipOf({ 'score.py': Buffer.from('def load_model():\n    return None\n\ndef predict(data, model=None):\n    return data\n'), 'weights.bin': crypto.randomBytes(8 * 1024 * 1024) });
    const boundary = 'crashboundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="details"\r\n\r\n${JSON.stringify({ compartmentId, projectId: project.data.id, displayName: 'crash' })}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="artifact"; filename="m.zip"\r\nContent-Type: application/zip\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const req = http.request(`${c.url}/api/models`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + zip.length + tail.length), ...c.auth },
    });
    req.on('error', () => undefined);
    req.write(head);
    req.write(zip.subarray(0, zip.length / 2));
    // Half of the artifact is on the disk: the console dies now.
    const uploads = path.join(c.dataDir, 'uploads');
    await waitUntil(() => filesUnder(uploads).some((f) => fs.statSync(path.join(uploads, f)).size >= 1024 * 1024), 'half the upload reaching the disk');
    await c.stop('SIGKILL');
    req.destroy();

    expect(modelCount(c.dataDir)).toBe(0);
    expect(filesUnder(uploads).length).toBeGreaterThan(0);
    expect(filesUnder(path.join(c.dataDir, 'artifacts'))).toEqual([]);

    const again = await startConsole({ dataDir: c.dataDir });
    consoles.push(again);
    expect(again.output()).toMatch(/removed 1 leftover artifact folder\(s\): uploads\//);
    expect(filesUnder(uploads)).toEqual([]);
    expect(modelCount(c.dataDir)).toBe(0);

    // The same upload, whole, now stores the model and its artifact.
    const whole = await fetch(`${again.url}/api/models`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...again.auth },
      body: new Uint8Array(Buffer.concat([head, zip, tail])),
    });
    expect(whole.status).toBe(201);
    expect(modelCount(c.dataDir)).toBe(1);
    expect(filesUnder(path.join(c.dataDir, 'artifacts')).some((f) => f.endsWith('artifact.zip'))).toBe(true);
    expect(filesUnder(uploads)).toEqual([]);
  });
});
