import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { updateImageBuild } from '@/db/queries/image-builds';
import { createBuildJournal, journaled } from '@/server/providers/local/docker/build-journal';
import { domainError, err, ok } from '@/server/domain/result';
import { applyRetention } from '@/server/jobs/telemetry-retention';
import { tempContextPerTest } from '@/tests/support/temp-context';
import { eq } from 'drizzle-orm';
import { workRequests } from '@/db/schema';
import { DEFAULT_RUNTIME_SLUG } from '@/server/domain/runtimes';
import { adminScope } from '@/tests/support/admin-scope';
import { listImageBuilds, rebuildResourceId, startRuntimeImageRebuild } from './image-builds';

const t = tempContextPerTest();

describe('image build journal', () => {
  it('records a build from its first step to success, with the steps counted', async () => {
    const ctx = t.ctx();
    const lines: string[] = [];
    const result = await journaled({
      journal: createBuildJournal(ctx.db, 'operator'),
      image: 'berth-runtime/minimal_p311_cpu_v1:abc',
      slug: 'minimal_p311_cpu_v1',
      onProgress: (l) => lines.push(l),
      build: async (onLine) => {
        onLine('Step 1/4 : FROM berth/debian:bookworm-slim');
        onLine('Step 2/4 : RUN apt-get update');
        const [running] = listImageBuilds(ctx);
        expect(running).toMatchObject({ state: 'IN_PROGRESS', percent: 25, currentStep: 'Step 2/4 : RUN apt-get update', trigger: 'operator' });
        onLine('Get:1 http://mirror.example.org/debian bookworm InRelease');
        onLine('Step 4/4 : CMD ["gunicorn"]');
        return ok({ done: true });
      },
    });
    expect(result.ok).toBe(true);
    expect(lines).toHaveLength(4);
    const [done] = listImageBuilds(ctx);
    expect(done).toMatchObject({ state: 'SUCCEEDED', percent: 100, stepsTotal: 4, error: null, slug: 'minimal_p311_cpu_v1' });
    expect(done?.timeFinished).not.toBeNull();
  });

  it('records a failure with its message, and a thrown error as a failure too', async () => {
    const ctx = t.ctx();
    const journal = createBuildJournal(ctx.db, 'deployment');
    await journaled({
      journal,
      image: 'img:1',
      slug: 's',
      onProgress: () => {},
      build: async (onLine) => {
        onLine('Step 3/9 : RUN false');
        return err(domainError('InternalServerError', 'Building img:1 failed at "Step 3/9 : RUN false": exit code 1'));
      },
    });
    await expect(
      journaled({ journal, image: 'img:2', slug: 's', onProgress: () => {}, build: async () => Promise.reject(new Error('engine went away')) }),
    ).rejects.toThrow('engine went away');
    const byImage = new Map(listImageBuilds(ctx).map((b) => [b.image, b]));
    expect(byImage.get('img:1')).toMatchObject({ state: 'FAILED', percent: 22, error: 'Building img:1 failed at "Step 3/9 : RUN false": exit code 1' });
    expect(byImage.get('img:2')).toMatchObject({ state: 'FAILED', error: 'engine went away' });
  });

  it('shows a build whose process is gone as interrupted, not as running forever', () => {
    const ctx = t.ctx();
    const entry = createBuildJournal(ctx.db, 'setup').begin('berth/debian:bookworm-slim', null);
    entry.line('I: Retrieving InRelease');
    const [mine] = listImageBuilds(ctx);
    expect(mine).toMatchObject({ state: 'IN_PROGRESS', percent: null });
    // The pid of a process that has exited: the setup that was building was stopped.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    updateImageBuild(ctx.db, mine?.id ?? 0, { pid: gone });
    expect(listImageBuilds(ctx)[0]?.state).toBe('INTERRUPTED');
  });
});

describe('image build retention', () => {
  it('forgets finished builds after the hourly metrics retention, never a running one', () => {
    const ctx = t.ctx();
    const journal = createBuildJournal(ctx.db, 'setup', () => new Date('2026-01-01T00:00:00Z'));
    journal.begin('old:1', 's').finish();
    journal.begin('old:2', 's');
    createBuildJournal(ctx.db, 'setup', () => new Date('2026-03-01T00:00:00Z')).begin('recent:1', 's').finish();
    applyRetention(ctx.db.$client, { minuteRetentionMs: 86_400_000, hourRetentionMs: 30 * 86_400_000, logRetentionMs: 86_400_000 }, Date.parse('2026-03-02T00:00:00Z'));
    expect(listImageBuilds(ctx).map((b) => b.image).sort()).toEqual(['old:2', 'recent:1']);
  });
});

describe('an operator\'s rebuild of a runtime image', () => {
  /** The context as the seeded administrator (the ops role) asks through it. */
  const asAdmin = () => {
    const ctx = t.ctx();
    const { principal } = adminScope(ctx);
    return { ...ctx, principal: () => Promise.resolve(principal) };
  };
  const jobsOf = (ctx: ReturnType<typeof t.ctx>) => ctx.db.select().from(workRequests).where(eq(workRequests.operationType, 'BERTH_RUNTIME_IMAGE_BUILD')).all();

  it('is queued as one job of the runner per image, which a second click joins', async () => {
    const ctx = asAdmin();
    const first = await startRuntimeImageRebuild(ctx, DEFAULT_RUNTIME_SLUG);
    expect(first).toEqual({ ok: true, data: { image: ctx.platform.runtimeImageTag(DEFAULT_RUNTIME_SLUG) } });
    expect(await startRuntimeImageRebuild(ctx, DEFAULT_RUNTIME_SLUG)).toEqual(first);
    expect(jobsOf(ctx)).toEqual([expect.objectContaining({ status: 'ACCEPTED', resourceId: rebuildResourceId(DEFAULT_RUNTIME_SLUG), payload: { slug: DEFAULT_RUNTIME_SLUG } })]);
    // The console's job, not a work request of any resource: the lists do not show it.
    const listed = await ctx.provider.listWorkRequests({ compartmentId: ctx.installation.tenancyId });
    expect(listed.ok && listed.data.items).toEqual([]);
  });

  it('refuses an unknown runtime by name, queueing nothing', async () => {
    const ctx = asAdmin();
    const r = await startRuntimeImageRebuild(ctx, 'no_such_runtime');
    expect(r).toMatchObject({ ok: false, error: { code: 'InvalidParameter', message: expect.stringMatching(/^Unknown runtime environment "no_such_runtime"; known: .*minimal/) } });
    expect(jobsOf(ctx)).toEqual([]);
  });
});
