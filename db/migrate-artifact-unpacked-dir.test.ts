import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './client';
import { MIGRATIONS_DIR, migrateDatabase } from './migrate';
import { getModelArtifactRow } from './queries/models';

// A database written before the unpacked directory had its own column: its artifacts keep the
// directory inside the introspection JSON. Migrating moves it out, and the rows read typed.

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-migrate-unpacked-'));
  dirs.push(dir);
  return dir;
};

/** The committed migrations up to, not including, the one named `tag`, as their own folder. */
function migrationsBefore(tag: string): string {
  const dir = tempDir();
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag.endsWith(tag));
  expect(at).toBeGreaterThan(0);
  fs.writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return dir;
}

// What the upload stored before: introspection, the unpacked directory and size, the load check.
const OLD_INTROSPECTION = {
  scoreDir: '',
  runtime: { slug: 'generalml_p311_cpu_v1', type: 'data_science', pythonVersion: '3.11' },
  fileCount: 2,
  scoreFunctions: { loadModel: true, predict: true },
  hasRuntimeYaml: true,
  predictInputKeys: [],
  unpackedDir: '/data/artifacts/m1/u1/unpacked',
  unpackedBytes: 180,
  loadCheck: { status: 'pass', reason: 'score.py imported and load_model() returned in 0.4 s in generalml_p311_cpu_v1.', image: 'berth-runtime/generalml_p311_cpu_v1:abc', seconds: 0.4, time: '2026-11-30T10:00:00.000Z' },
};

describe('migration artifact_unpacked_dir', () => {
  it('moves the unpacked directory into its column and leaves every row readable, or named unreadable', () => {
    const file = path.join(tempDir(), 'berth.sqlite');
    const old = openDatabase(file);
    migrate(old, { migrationsFolder: migrationsBefore('artifact_unpacked_dir') });
    const insertModel = old.$client.prepare(
      "insert into models (id, compartment_id, project_id, display_name, lifecycle_state, created_by, time_created) values (?, 'c', 'p', ?, 'ACTIVE', 'u', '2026-11-30T10:00:00.000Z')",
    );
    const insertArtifact = old.$client.prepare(
      "insert into model_artifacts (model_id, file_name, storage_path, size_in_bytes, content_md5, sha256, time_uploaded, introspection) values (?, 'model.zip', ?, 100, 'md5', 'sha', '2026-11-30T10:00:00.000Z', ?)",
    );
    for (const [id, introspection] of [
      ['m1', JSON.stringify(OLD_INTROSPECTION)],
      // Damaged: the directory is still recovered, the rest reads as unreadable.
      ['m2', JSON.stringify({ scoreDir: 3, unpackedDir: '/data/artifacts/m2/u2/unpacked' })],
      ['m3', null],
    ] as const) {
      insertModel.run(id, id);
      insertArtifact.run(id, `/data/artifacts/${id}/u/artifact.zip`, introspection);
    }
    old.$client.close();

    const db = migrateDatabase(file, { region: 'test' });
    const raw = db.$client.prepare('select model_id, unpacked_dir, introspection from model_artifacts order by model_id').all() as { model_id: string; unpacked_dir: string | null; introspection: string | null }[];
    expect(raw.map((r) => [r.model_id, r.unpacked_dir])).toEqual([
      ['m1', '/data/artifacts/m1/u1/unpacked'],
      ['m2', '/data/artifacts/m2/u2/unpacked'],
      ['m3', null],
    ]);
    for (const r of raw) expect(r.introspection ?? '').not.toContain('unpackedDir');

    const { unpackedDir: _moved, ...facts } = OLD_INTROSPECTION;
    expect(getModelArtifactRow(db, 'm1')?.unpackedDir).toBe('/data/artifacts/m1/u1/unpacked');
    expect(getModelArtifactRow(db, 'm1')?.introspection).toEqual({ state: 'inspected', facts });
    expect(getModelArtifactRow(db, 'm2')?.introspection).toEqual({ state: 'unreadable', reason: expect.stringContaining('scoreDir') });
    expect(getModelArtifactRow(db, 'm3')?.introspection).toEqual({ state: 'unreadable', reason: 'nothing was recorded of what the artifact holds' });
    db.$client.close();
  });
});
