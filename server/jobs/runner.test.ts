import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateDatabase } from '@/db/migrate';
import type { Db } from '@/db/client';
import { getWorkRequestRow, listWorkRequestErrorRows, listWorkRequestLogRows } from '@/db/queries/work-requests';
import { domainError, err, ok, startupError } from '@/server/domain/result';
import { createWorkRequestRunner, type JobHandler } from './runner';

const dirs: string[] = [];
function freshDb(): { db: Db; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-runner-'));
  dirs.push(dir);
  const file = path.join(dir, 'db.sqlite');
  return { db: migrateDatabase(file, { region: 'test' }), file };
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

const input = (resourceId: string) => ({
  operationType: 'PROJECT_DELETE' as const,
  compartmentId: 'ocid1.compartment.oc1..x',
  resourceId,
  resources: [{ actionType: 'DELETED' as const, entityType: 'project', identifier: resourceId }],
  payload: { projectId: resourceId },
});

describe('work request runner', () => {
  it('persists status, progress, logs and completion', async () => {
    const { db } = freshDb();
    const handler: JobHandler = async ({ log, progress }) => {
      log('step one');
      progress(50);
      log('step two');
      return ok(undefined);
    };
    const runner = createWorkRequestRunner({ db, region: 'test', handlers: { PROJECT_DELETE: handler } });
    runner.start();
    const wr = runner.enqueue(input('r1'));
    expect(wr.status).toBe('ACCEPTED');
    await runner.idle();
    const row = getWorkRequestRow(db, wr.id);
    expect(row?.status).toBe('SUCCEEDED');
    expect(row?.percentComplete).toBe(100);
    expect(row?.timeStarted).toBeTruthy();
    expect(row?.timeFinished).toBeTruthy();
    expect(listWorkRequestLogRows(db, wr.id, 10, 0).map((l) => l.message)).toEqual(['step one', 'step two']);
  });

  it('records an expected failure as FAILED with its code and message', async () => {
    const { db } = freshDb();
    const runner = createWorkRequestRunner({
      db,
      region: 'test',
      handlers: { PROJECT_DELETE: async () => err(domainError('IncorrectState', 'still has models')) },
    });
    runner.start();
    const wr = runner.enqueue(input('r1'));
    await runner.idle();
    expect(getWorkRequestRow(db, wr.id)?.status).toBe('FAILED');
    expect(listWorkRequestErrorRows(db, wr.id, 10, 0)).toMatchObject([{ code: 'IncorrectState', message: 'still has models' }]);
  });

  it('records a named startup failure with its class as the code, and keeps its excerpt and hint', async () => {
    const { db } = freshDb();
    const failure = { failureClass: 'IMPORT_ERROR' as const, message: 'Instance 1: score.py could not be imported: ImportError: x', excerpt: 'Traceback ...\nImportError: x', hint: 'Add the package.' };
    const runner = createWorkRequestRunner({ db, region: 'test', handlers: { PROJECT_DELETE: async () => err(startupError(failure)) } });
    runner.start();
    const wr = runner.enqueue(input('r1'));
    await runner.idle();
    expect(listWorkRequestErrorRows(db, wr.id, 10, 0)).toMatchObject([{ code: 'IMPORT_ERROR', message: failure.message, failure }]);
  });

  it('turns a thrown error into a FAILED work request instead of losing it', async () => {
    const { db } = freshDb();
    const runner = createWorkRequestRunner({
      db,
      region: 'test',
      logger: { error: () => undefined, info: () => undefined },
      handlers: { PROJECT_DELETE: async () => Promise.reject(new Error('disk on fire')) },
    });
    runner.start();
    const wr = runner.enqueue(input('r1'));
    await runner.idle();
    expect(getWorkRequestRow(db, wr.id)?.status).toBe('FAILED');
    expect(listWorkRequestErrorRows(db, wr.id, 10, 0)[0]?.message).toContain('disk on fire');
  });

  it('never runs two work requests of one resource at once, but runs other resources alongside', async () => {
    const { db } = freshDb();
    const gate = deferred();
    const events: string[] = [];
    let active = 0;
    let maxActiveSame = 0;
    const handler: JobHandler = async ({ workRequest }) => {
      active += workRequest.resourceId === 'same' ? 1 : 0;
      maxActiveSame = Math.max(maxActiveSame, active);
      events.push(`start ${workRequest.resourceId}`);
      if (workRequest.resourceId === 'same') await gate.promise;
      events.push(`end ${workRequest.resourceId}`);
      active -= workRequest.resourceId === 'same' ? 1 : 0;
      return ok(undefined);
    };
    const runner = createWorkRequestRunner({ db, region: 'test', handlers: { PROJECT_DELETE: handler } });
    runner.start();
    const a = runner.enqueue(input('same'));
    const b = runner.enqueue(input('same'));
    runner.enqueue(input('other'));
    await new Promise((r) => setTimeout(r, 20));
    // The second job of "same" waits; "other" has already finished.
    expect(getWorkRequestRow(db, b.id)?.status).toBe('ACCEPTED');
    expect(events).toContain('end other');
    gate.resolve();
    await runner.idle();
    expect(maxActiveSame).toBe(1);
    expect(getWorkRequestRow(db, a.id)?.status).toBe('SUCCEEDED');
    expect(getWorkRequestRow(db, b.id)?.status).toBe('SUCCEEDED');
  });

  it('resumes work left IN_PROGRESS by a previous process, once, however often start is called', async () => {
    const { db } = freshDb();
    // First process: accepts and starts the job, then "dies" mid-run.
    const never = new Promise<never>(() => undefined);
    const first = createWorkRequestRunner({ db, region: 'test', handlers: { PROJECT_DELETE: async () => never } });
    first.start();
    const wr = first.enqueue(input('r1'));
    await new Promise((r) => setTimeout(r, 10));
    expect(getWorkRequestRow(db, wr.id)?.status).toBe('IN_PROGRESS');

    let runs = 0;
    let sawResumed = false;
    const second = createWorkRequestRunner({
      db,
      region: 'test',
      handlers: {
        PROJECT_DELETE: async ({ resumed }) => {
          runs += 1;
          sawResumed = resumed;
          return ok(undefined);
        },
      },
    });
    second.start();
    second.start();
    await second.idle();
    expect(runs).toBe(1);
    expect(sawResumed).toBe(true);
    expect(getWorkRequestRow(db, wr.id)?.status).toBe('SUCCEEDED');
    expect(listWorkRequestLogRows(db, wr.id, 10, 0).map((l) => l.message).join('\n')).toMatch(/restarted/);
  });

  it('hands a handler its payload parsed, and fails a stored payload that does not fit its operation, naming what is wrong', async () => {
    const { db } = freshDb();
    const seen: string[] = [];
    const runner = createWorkRequestRunner({ db, region: 'test', handlers: { PROJECT_DELETE: async ({ payload }) => (seen.push(payload.projectId), ok(undefined)) } });
    const good = runner.enqueue(input('r1'));
    // What an older version or a hand edit could have left in the table.
    db.$client.prepare('UPDATE work_requests SET payload = ? WHERE id = ?').run(JSON.stringify({ project: 'r2' }), runner.enqueue(input('r2')).id);
    runner.start();
    await runner.idle();
    expect(seen).toEqual(['r1']);
    expect(getWorkRequestRow(db, good.id)?.status).toBe('SUCCEEDED');
    const bad = listWorkRequestErrorRows(db, (db.$client.prepare("SELECT id FROM work_requests WHERE resource_id = 'r2'").get() as { id: string }).id, 10, 0);
    expect(bad.map((e) => [e.code, e.message])).toEqual([['InvalidParameter', expect.stringMatching(/^The PROJECT_DELETE work request's payload is not valid \(projectId: /)]]);
  });

  it('cancels only work that has not started', async () => {
    const { db } = freshDb();
    const runner = createWorkRequestRunner({ db, region: 'test', handlers: { PROJECT_DELETE: async () => ok(undefined) } });
    const wr = runner.enqueue(input('r1')); // not started: stays ACCEPTED
    expect(runner.cancel(wr.id)).toMatchObject({ ok: true, data: { status: 'CANCELED' } });
    expect(runner.cancel(wr.id)).toMatchObject({ ok: false, error: { code: 'IncorrectState' } });
    expect(runner.cancel('nope')).toMatchObject({ ok: false, error: { code: 'NotAuthorizedOrNotFound' } });
  });
});
