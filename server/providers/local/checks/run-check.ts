import type Docker from 'dockerode';
import {
  CHECK_IDS,
  checkLabels,
  checkOutcome,
  judgeCommand,
  judgeCurl,
  FAILURE_ITEM,
  failureVerdict,
  healthPassed,
  notChecked,
  notCheckedAfter,
  judgeImageSize,
  judgeListening,
  judgePortRules,
  judgePredict,
  judgeProcess,
  type CheckId,
  type CheckItem,
  type CheckKind,
  type CheckPaths,
  type CheckReport,
  type HttpObservation,
  type ImageFacts,
  type Verdict,
} from '@/server/domain/deployment-check';
import { ok, type DomainError, type Result } from '@/server/domain/result';
import { classifyStartup } from '@/server/domain/startup-failure';
import type { CheckProgress, DeploymentCheckInput } from '../../types';
import { engineStatusOf } from '../docker/client';
import { dockerMessage, removeContainer } from '../deployments/containers';
import { prepare, type RolloutDeps } from '../deployments/rollout';
import { planServing } from '../deployments/serving-plan';
import { listeningSockets, watchStartup } from '../deployments/startup-watch';
import { createCheckContainer, inspectOrNull, probeCurl, publishedPort, readLog, type CheckContainerSpec } from './check-container';

// Check before create: the configuration runs once in a throwaway container, exactly as an
// instance would (same serving plan, image, artifact mount, shape limits), and each observation is
// judged by server/domain/deployment-check.ts. Bounded in time; the container always goes.

export interface CheckLimits {
  /** How long to wait for a healthy answer (a slow load_model() is reported as still loading). */
  healthTimeoutMs: number;
  predictTimeoutMs: number;
}

export const DEFAULT_CHECK_LIMITS: CheckLimits = { healthTimeoutMs: 20_000, predictTimeoutMs: 10_000 };

/** Stands in for the deployment's OCID in the environment the container sees. */
const CHECK_DEPLOYMENT_ID = 'ocid1.datasciencemodeldeployment.oc1..precreatecheck';
const CONDA_PATHS: CheckPaths = { serverPort: 8080, healthPort: 8080, healthPath: '/health', predictPath: '/predict' };

async function http(url: string, init: RequestInit & { timeoutMs: number }): Promise<HttpObservation> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs) });
    const body = await res.text();
    return { status: res.status, body: body.slice(0, 4000), ms: performance.now() - t0 };
  } catch (cause) {
    const e = cause as Error & { cause?: { code?: string; message?: string } };
    return { status: null, body: '', error: e.cause?.code ?? e.cause?.message ?? e.message, ms: performance.now() - t0 };
  }
}

function imageFacts(info: Docker.ImageInspectInfo): ImageFacts {
  const exposed = Object.keys(info.Config?.ExposedPorts ?? {}).map((k) => Number(k.split('/')[0])).filter(Number.isFinite);
  const list = (v: unknown) => (Array.isArray(v) && v.length ? v.map(String) : null);
  return { sizeBytes: info.Size, entrypoint: list(info.Config?.Entrypoint), cmd: list(info.Config?.Cmd), exposedPorts: exposed };
}

/** The ports and paths the check will use, known before anything runs (for the progress list). */
function pathsOf(deps: RolloutDeps, input: DeploymentCheckInput, kind: CheckKind): CheckPaths {
  if (kind === 'conda') return CONDA_PATHS;
  const plan = planServing({ deploymentId: CHECK_DEPLOYMENT_ID, tenancyId: deps.tenancyId, config: input.config, artifact: null, cpus: 1 });
  return plan.ok ? plan.data : CONDA_PATHS;
}

export async function runDeploymentCheck(
  deps: RolloutDeps,
  input: DeploymentCheckInput,
  progress: CheckProgress,
  limits: CheckLimits = DEFAULT_CHECK_LIMITS,
): Promise<Result<CheckReport, DomainError>> {
  const t0 = Date.now();
  const env = input.config.environmentConfigurationDetails;
  const kind: CheckKind = env?.environmentConfigurationType === 'OCIR_CONTAINER' ? 'container' : 'conda';
  const paths = pathsOf(deps, input, kind);
  const labels = checkLabels(kind, paths);
  const decided = new Map<CheckId, CheckItem>();
  progress.plan(CHECK_IDS.map((id) => ({ id, label: labels[id] })));
  const decide = (id: CheckId, v: Verdict) => {
    const item = { id, label: labels[id], ...v };
    decided.set(id, item);
    progress.item(item);
  };
  let image = env?.environmentConfigurationType === 'OCIR_CONTAINER' ? (env.imageDigest ?? env.image ?? '') : '';
  const report = (): CheckReport => {
    const items = CHECK_IDS.map((id) => decided.get(id) ?? { id, label: labels[id], status: 'warn' as const, reason: 'Not checked: an earlier check failed.' });
    for (const i of items) if (!decided.has(i.id)) progress.item(i);
    return { kind, image, items, outcome: checkOutcome(items), seconds: (Date.now() - t0) / 1000 };
  };

  progress.step(kind === 'conda' ? 'Preparing the runtime image…' : 'Looking up the image…');
  const prepared = await prepare(deps, CHECK_DEPLOYMENT_ID, input.config, { log: (m) => progress.step(m), progress: () => undefined });
  if (!prepared.ok) {
    decide('image', { status: 'fail', reason: prepared.error.message });
    return ok(report());
  }
  const { plan, fitted } = prepared.data;
  image = prepared.data.image;
  const named = env?.environmentConfigurationType === 'OCIR_CONTAINER' ? (env.image ?? image) : image;
  let facts: ImageFacts;
  try {
    facts = imageFacts(await deps.docker.getImage(image).inspect());
  } catch (cause) {
    const missing = engineStatusOf(cause) === 404;
    const f = classifyStartup({ subject: 'The container', image: named, createError: { imageMissing: missing, message: dockerMessage(cause) }, logTail: '', elapsedMs: 0, timeoutMs: 1 });
    decide('image', f ? failureVerdict(f, limits.healthTimeoutMs) : { status: 'fail', reason: dockerMessage(cause) });
    return ok(report());
  }
  const pinned = image !== named ? ` (${image.replace(/^sha256:/, '').slice(0, 12)})` : '';
  decide('image', { status: 'pass', reason: kind === 'conda' ? `${image} serves ${plan.runtime?.slug ?? 'the model'}.` : `${named}${pinned} is on this machine.` });
  decide('command', judgeCommand(facts, { entrypoint: plan.entrypoint, cmd: plan.cmd }));
  decide('image-size', judgeImageSize(facts.sizeBytes));
  decide('port-rules', judgePortRules(kind, plan, facts.exposedPorts));

  const spec: CheckContainerSpec = {
    installationId: deps.tenancyId,
    image,
    ...(plan.entrypoint ? { entrypoint: plan.entrypoint } : {}),
    ...(plan.cmd ? { cmd: plan.cmd } : {}),
    env: plan.env,
    ports: [...new Set([plan.serverPort, plan.healthPort])],
    artifactDir: plan.artifactDir,
    nanoCpus: fitted.nanoCpus,
    memoryBytes: fitted.memoryBytes,
    ...(plan.shmSizeBytes ? { shmSizeBytes: plan.shmSizeBytes } : {}),
    now: deps.now(),
  };
  progress.step('Starting a throwaway container…');
  let id: string | null = null;
  try {
    const container = await createCheckContainer(deps.docker, spec);
    id = container.id;
    try {
      await container.start();
    } catch (cause) {
      // An entrypoint that names no program in the image fails here (CONTAINER_START_ERROR).
      const f = classifyStartup({ subject: 'The container', image: named, createError: { imageMissing: false, message: dockerMessage(cause) }, logTail: '', elapsedMs: 0, timeoutMs: 1 });
      decide('process', f ? failureVerdict(f, limits.healthTimeoutMs) : { status: 'fail', reason: `The container did not start: ${dockerMessage(cause)}` });
      decide('curl', judgeCurl(kind, await probeCurl(deps.docker, null, spec, false)));
      return ok(report());
    }
    const started = Date.now();
    return ok(await watch(deps, { id, input, plan, kind, image, spec, limits, started, decide, progress, memoryBytes: fitted.memoryBytes }, report));
  } finally {
    if (id) await removeContainer(deps.docker, id).catch(() => undefined);
  }
}

interface WatchInput {
  id: string;
  input: DeploymentCheckInput;
  plan: CheckPaths;
  kind: CheckKind;
  image: string;
  spec: CheckContainerSpec;
  limits: CheckLimits;
  started: number;
  memoryBytes: number;
  decide: (id: CheckId, v: Verdict) => void;
  progress: CheckProgress;
}

/**
 * Follows the container with the deployments' own start watcher (startup-watch.ts): its state, its
 * health answers and its sockets, until it is healthy or its failure is named; then the rest.
 */
async function watch(deps: RolloutDeps, w: WatchInput, report: () => CheckReport): Promise<CheckReport> {
  const { docker } = deps;
  const { plan, kind } = w;
  w.progress.step(`Waiting for GET ${plan.healthPath} on port ${plan.healthPort}…`);
  const info = await inspectOrNull(docker, w.id);
  const declared = [{ port: plan.serverPort, role: 'server port' }];
  if (plan.healthPort !== plan.serverPort) declared.push({ port: plan.healthPort, role: 'health check port' });
  const watched = await watchStartup(
    docker,
    {
      containerId: w.id,
      subject: 'The container',
      image: w.image,
      // 0 when it exited before its port was published: the watcher then sees the exit.
      hostHealthPort: (info && publishedPort(info, plan.healthPort)) ?? 0,
      healthPath: plan.healthPath,
      healthPort: plan.healthPort,
      declared,
      memoryLimitBytes: w.memoryBytes,
    },
    { timeoutMs: w.limits.healthTimeoutMs },
  );
  const waitedMs = Date.now() - w.started;
  const failure = watched.ok ? null : watched.error;
  const failedItem = failure ? FAILURE_ITEM[failure.failureClass] : null;
  if (failure && failedItem) w.decide(failedItem, failureVerdict(failure, w.limits.healthTimeoutMs));
  const healthy = watched.ok;
  const now = await inspectOrNull(docker, w.id);
  const up = Boolean(now?.State.Running);

  if (failedItem !== 'health') w.decide('health', healthy ? healthPassed(plan.healthPort, waitedMs) : failure ? notCheckedAfter(failure) : notChecked('no answer.'));
  if (failedItem !== 'ports-listen') {
    const sockets = up ? await listeningSockets(docker, w.id) : null;
    w.decide('ports-listen', judgeListening(plan, sockets, { processUp: up, healthAnswered: healthy }));
  }

  let predict: HttpObservation | null = null;
  const serverPort = now ? publishedPort(now, plan.serverPort) : null;
  if (healthy && serverPort !== null) {
    w.progress.step(`Sending the sample to POST ${plan.predictPath}…`);
    predict = await http(`http://127.0.0.1:${serverPort}${plan.predictPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(w.input.sample.body),
      timeoutMs: w.limits.predictTimeoutMs,
    });
  }
  const log = predict ? await readLog(docker, w.id) : '';
  w.decide('predict', judgePredict(predict, { kind, path: plan.predictPath, healthy, sampleFromSchema: w.input.sample.fromSchema, log }));

  const last = await inspectOrNull(docker, w.id);
  w.decide('curl', judgeCurl(kind, await probeCurl(docker, w.id, w.spec, Boolean(last?.State.Running))));
  if (failedItem !== 'process') {
    const final = (await inspectOrNull(docker, w.id)) ?? last;
    const running = Boolean(final?.State.Running);
    w.decide(
      'process',
      judgeProcess({
        running,
        exitCode: running ? null : (final?.State.ExitCode ?? null),
        oomKilled: Boolean(final?.State.OOMKilled),
        observedMs: Date.now() - w.started,
        log: running ? '' : await readLog(docker, w.id),
      }),
    );
  }
  return report();
}
