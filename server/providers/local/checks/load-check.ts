import type Docker from 'dockerode';
import type { Db } from '@/db/client';
import { getModelArtifactRow, mergeModelArtifactIntrospection } from '@/db/queries/models';
import { loadFailureReason, type LoadCheck } from '@/server/domain/load-check';
import { classifyStartup, lastTraceback, tailExcerpt } from '@/server/domain/startup-failure';
import { notFound, err, ok, type DomainError, type Result } from '@/server/domain/result';
import { DEFAULT_RUNTIME_SLUG, findRuntime } from '@/server/domain/runtimes';
import { imageLabels } from '../docker/base-image';
import { dockerMessage, removeContainer } from '../deployments/containers';
import { ARTIFACT_MOUNT, nativeMlflow } from '../deployments/serving-plan';
import { runtimeImageTag } from '../docker/runtime-images';
import { formatBytes } from '@/server/domain/bytes';
import { createCheckContainer, readLog } from './check-container';

// At upload, score.py is imported and load_model() called for real, in the runtime image that
// would serve the model and with the artifact mounted read-only as a deployment mounts it, so
// "artifact checks passed" means the model loads. The model server's own loader does the work.

export interface LoadCheckDeps {
  db: Db;
  docker: Docker;
  tenancyId: string;
  /** 0 turns the check off. */
  timeoutMs: number;
  now: () => Date;
}

const ERROR_MARK = 'BERTH_LOAD_ERROR ';
// The model server's own loader, reporting as its /health does ({"status": "failed", "stage",
// "error"}). os._exit: a load_model() that leaves threads behind must not keep the check waiting.
const SCRIPT = [
  'import json, os, sys',
  'sys.path.insert(0, "/opt/berth")',
  'import berth_model_server as s',
  'm = s.ModelServer()',
  'm.wait_loaded()',
  'sys.stdout.flush(); sys.stderr.flush()',
  'if m.error is not None:',
  `    print(${JSON.stringify(ERROR_MARK)} + json.dumps({"status": "failed", "stage": getattr(m, "error_stage", None), "error": m.error, **({"serving": "mlflow"} if getattr(m, "error_native", False) else {})}), file=sys.stderr, flush=True)`,
  '    os._exit(3)',
  'os._exit(0)',
].join('\n');

const MEMORY_BYTES = 4 * 1024 ** 3;

export async function runLoadCheck(deps: LoadCheckDeps, modelId: string): Promise<Result<LoadCheck, DomainError>> {
  const row = getModelArtifactRow(deps.db, modelId);
  if (!row) return err(notFound('Artifact of model', modelId));
  const time = () => deps.now().toISOString();
  // A record that does not read has nothing to add the check to; the checklist says why.
  if (row.introspection.state !== 'inspected') return ok({ status: 'warn', reason: 'Not run: what the artifact holds is not on record.', time: time() });
  const facts = row.introspection.facts;
  const unpackedDir = row.unpackedDir;
  const record = (check: LoadCheck) => {
    mergeModelArtifactIntrospection(deps.db, modelId, { loadCheck: check });
    return ok(check);
  };
  const notRun = (why: string) => record({ status: 'warn', reason: `Not run: ${why}`, time: time() });

  // An MLflow model without score.py loads natively, as its deployment would.
  const mlflow = facts.scoreDir === null ? nativeMlflow(facts.mlflow) : null;
  if (mlflow && !mlflow.ok) return record({ status: 'fail', reason: mlflow.error.message, time: time() });
  // Without score.py there is nothing to load: the checklist says so already.
  if ((facts.scoreDir === null && !mlflow) || !unpackedDir) return ok({ status: 'fail', reason: 'Not run: there is no score.py.', time: time() });
  if (facts.runtimeError || facts.runtime?.type === 'published') return notRun('no runtime image serves the environment runtime.yaml names.');
  const env = findRuntime(facts.runtime?.slug ?? DEFAULT_RUNTIME_SLUG);
  if (!env) return notRun('no runtime image serves the environment runtime.yaml names.');
  if (deps.timeoutMs <= 0) return notRun('the load check is turned off (BERTH_LOAD_CHECK_S=0).');
  const image = runtimeImageTag(env);
  try {
    if ((await imageLabels(deps.docker, image)) === undefined) {
      return notRun(`the runtime image of ${env.slug} is not built yet; the first deployment builds it (or build it on the operations page).`);
    }
  } catch (cause) {
    return notRun(`the Docker engine did not answer (${dockerMessage(cause)}).`);
  }

  const t0 = performance.now();
  let id: string | null = null;
  try {
    const c = await createCheckContainer(deps.docker, {
      installationId: deps.tenancyId,
      image,
      cmd: ['python3', '-c', SCRIPT],
      env: { ...(mlflow ? mlflow.data : { MODEL_DIR: facts.scoreDir ? `${ARTIFACT_MOUNT}/${facts.scoreDir}` : ARTIFACT_MOUNT }), PYTHONUNBUFFERED: '1' },
      ports: [],
      artifactDir: unpackedDir,
      nanoCpus: 1e9,
      memoryBytes: MEMORY_BYTES,
      now: deps.now(),
    });
    id = c.id;
    await c.start();
    const exit = await Promise.race([
      (c.wait() as Promise<{ StatusCode: number }>).then((r) => r.StatusCode),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), deps.timeoutMs).unref()),
    ]);
    const seconds = Math.round((performance.now() - t0) / 100) / 10;
    const log = await readLog(deps.docker, c.id);
    const excerpt = lastTraceback(log) ?? (tailExcerpt(log) || null);
    const base = { image, seconds, time: time(), ...(excerpt ? { excerpt } : {}) };
    if (exit === 0) {
      const what = mlflow ? 'The MLflow model loaded natively (no score.py)' : 'score.py imported and load_model() returned';
      return record({ status: 'pass', reason: `${what} in ${seconds} s in ${env.slug}.`, image, seconds, time: time() });
    }
    if (exit === null) {
      return record({ ...base, status: 'warn', reason: `load_model() was still running after ${Math.round(deps.timeoutMs / 1000)} s; the check stopped waiting. A deployment waits for it up to its startup timeout.` });
    }
    const info = await c.inspect();
    if (info.State.OOMKilled) {
      return record({ ...base, status: 'warn', reason: `load_model() used more than the check's ${formatBytes(MEMORY_BYTES)} of memory; choose a shape with enough memory for it.` });
    }
    // The failure is named as a deployment's would be (IMPORT_ERROR, LOAD_MODEL_ERROR).
    const marked = log.split('\n').findLast((l) => l.includes(ERROR_MARK));
    const body = marked ? marked.slice(marked.indexOf(ERROR_MARK) + ERROR_MARK.length).trim() : '';
    const named = body
      ? classifyStartup({ subject: 'At upload', image, health: { path: '/health', port: 8080, last: { kind: 'http', status: 503, body }, sameFor: 1 }, logTail: log, elapsedMs: 0, timeoutMs: 1 })
      : null;
    if (named) {
      return record({ ...base, status: 'fail', reason: named.message, excerpt: named.excerpt, hint: named.hint, failureClass: named.failureClass });
    }
    return record({ ...base, status: 'fail', reason: loadFailureReason(null, exit) });
  } catch (cause) {
    return notRun(`the check container could not run (${dockerMessage(cause)}).`);
  } finally {
    if (id) await removeContainer(deps.docker, id).catch(() => undefined);
  }
}
