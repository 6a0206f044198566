import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { readInstallation } from './seed';
import { MigrationError, migrateDatabase } from './migrate';

const dirs: string[] = [];
const tempFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-migrate-'));
  dirs.push(dir);
  return path.join(dir, 'berth.sqlite');
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('migrateDatabase', () => {
  it('migrates and seeds once; a second run changes nothing', () => {
    const file = tempFile();
    const first = migrateDatabase(file, { region: 'test' });
    const installation = readInstallation(first);
    first.$client.close();
    const second = migrateDatabase(file, { region: 'test' });
    expect(readInstallation(second)).toEqual(installation);
    const compartments = second.$client.prepare('select count(*) n from compartments').get();
    expect(compartments).toEqual({ n: 2 });
    expect(second.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    second.$client.close();
  });

  it('stops with a readable MigrationError when a migration cannot apply', () => {
    const file = tempFile();
    // A database some other program wrote: a "projects" table already exists.
    const foreign = new Database(file);
    foreign.exec('create table projects (x int)');
    foreign.close();
    let caught: unknown;
    try {
      migrateDatabase(file, { region: 'test' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(MigrationError);
    expect((caught as Error).message).toMatch(/A database migration failed on .*berth\.sqlite/);
    expect((caught as Error).message).toMatch(/BERTH_DATA_DIR/);
  });

  it('says so when the data directory cannot be written', () => {
    // A regular file where the data directory should be: nothing can be created below it.
    const blocker = tempFile();
    fs.writeFileSync(blocker, 'not a directory');
    expect(() => migrateDatabase(path.join(blocker, 'data', 'berth.sqlite'), { region: 'test' })).toThrow(/Cannot open the database/);
  });
});
