import { formatBytes } from './bytes';
import { describeSockets, reachableFromOutside, type ListeningSocket } from './listening-ports';

// Why an instance (or a throwaway check container) failed to start, named from what was observed
// of it: the container's state, its health answers, the ports it listens on and its output. Pure:
// the watcher in the local provider gathers the signals, this decides. classifyStartup returns
// null while nothing is wrong yet, so the watcher calls it after every observation.

export const STARTUP_FAILURE_CLASSES = [
  'IMPORT_ERROR',
  'LOAD_MODEL_ERROR',
  'CONTAINER_EXITED',
  'OOM_KILLED',
  'RESTART_LOOP',
  'PORT_NOT_LISTENING',
  'HEALTH_CHECK_FAILED',
  'IMAGE_NOT_FOUND',
  'CONTAINER_START_ERROR',
  'TIMEOUT',
] as const;
export type StartupFailureClass = (typeof STARTUP_FAILURE_CLASSES)[number];

export interface StartupFailure {
  failureClass: StartupFailureClass;
  /** One sentence that names the cause. */
  message: string;
  /** The lines of the container's output (or of the observation) that show it. */
  excerpt: string;
  /** What to do about it. */
  hint: string;
}

export type HealthAnswer = { kind: 'http'; status: number; body: string } | { kind: 'unreachable'; error: string };

export interface StartupSignals {
  /** Who failed, as the message names it: "Instance 1", "The check container". */
  subject: string;
  image?: string;
  /** The container could not be created or started at all. */
  createError?: { imageMissing: boolean; message: string };
  container?: {
    running: boolean;
    exitCode: number | null;
    /** Docker's State.OOMKilled. */
    oomKilled: boolean;
    /** 'oom' events seen while it ran: a process inside was killed at the memory limit. */
    oomEvents: number;
    restartCount: number;
    restarting: boolean;
    memoryLimitBytes?: number;
  };
  health?: {
    path: string;
    /** The port inside the container the health check goes to. */
    port: number;
    last: HealthAnswer | null;
    /** How many answers in a row were like the last one (same status, or unreachable). */
    sameFor: number;
  };
  listening?: {
    /** The ports the configuration declares, e.g. [8080] or [8080, 9000]. */
    declared: { port: number; role: string }[];
    /** What the container listens on; null when it could not be read. */
    sockets: ListeningSocket[] | null;
    /** How many probes in a row returned the same set. */
    sameFor: number;
  };
  /** The container's last output lines (stdout and stderr). */
  logTail: string;
  elapsedMs: number;
  timeoutMs: number;
}

/** The model server's /health body: still loading, or loading failed at a stage. */
export type ModelServerHealth =
  | { status: 'loading' }
  | { status: 'ok' }
  /** `serving: 'mlflow'`: an MLflow model loaded natively failed, not a score.py. */
  | { status: 'failed'; error: string; stage: 'import' | 'load_model'; serving?: 'mlflow' };

const IMPORT_EXCEPTIONS = /^(ModuleNotFoundError|ImportError|SyntaxError|IndentationError|TabError|NameError|FileNotFoundError|AttributeError)\b/;

export function parseModelServerHealth(body: string): ModelServerHealth | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const { status, error, stage, serving } = json as Record<string, unknown>;
  if (status === 'loading' || status === 'ok') return { status };
  if ((status === 'failed' || status === 'error') && typeof error === 'string') {
    // Older model servers said 'error' without a stage: the exception's class tells.
    const known = stage === 'import' || stage === 'load_model' ? stage : IMPORT_EXCEPTIONS.test(error) ? 'import' : 'load_model';
    return { status: 'failed', error, stage: known, ...(serving === 'mlflow' ? { serving } : {}) };
  }
  return null;
}

const MAX_EXCERPT_LINES = 20;
const MAX_EXCERPT_CHARS = 4000;

const clip = (lines: string[]) => {
  const kept = lines.length > MAX_EXCERPT_LINES ? ['…', ...lines.slice(-MAX_EXCERPT_LINES)] : lines;
  const text = kept.join('\n').trim();
  return text.length > MAX_EXCERPT_CHARS ? `…${text.slice(-MAX_EXCERPT_CHARS)}` : text;
};

const FROZEN_FRAME = /^\s+File "<frozen [^>]+>", line \d+/;

/** The last Python traceback in the output, with the line that introduced it, or null. */
export function lastTraceback(log: string): string | null {
  const lines = log.split('\n');
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i]?.startsWith('Traceback (most recent call last)')) {
      start = i;
      break;
    }
  }
  if (start < 0) return null;
  let end = start + 1;
  // Frames are indented; the exception line is the first one that is not (chained ones repeat).
  while (end < lines.length && /^\s/.test(lines[end] ?? '')) end++;
  const intro = start > 0 && /fail|error/i.test(lines[start - 1] ?? '') ? start - 1 : start;
  const block = lines.slice(intro, Math.min(end + 1, lines.length));
  // Python's own import machinery frames say nothing about the user's code.
  return clip(block.filter((l) => !FROZEN_FRAME.test(l)));
}

/** The last lines of the output, or lines matching `pattern` (the last few) when some do. */
export function tailExcerpt(log: string, count = 10, pattern?: RegExp): string {
  const lines = log.split('\n').filter((l) => l.trim() !== '');
  if (pattern) {
    const hits = lines.filter((l) => pattern.test(l));
    if (hits.length > 0) return clip(hits.slice(-count));
  }
  return clip(lines.slice(-count));
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
const answerText = (a: HealthAnswer | null) =>
  !a ? 'no answer yet' : a.kind === 'unreachable' ? a.error : `HTTP ${a.status}${a.body ? ` ${a.body.slice(0, 200)}` : ''}`;

function importHint(error: string): string {
  if (/^(ModuleNotFoundError|ImportError)/.test(error)) {
    return 'Add the missing package to the conda environment named in runtime.yaml (or choose one that has it), or ship the module inside the artifact next to score.py, then upload the artifact again.';
  }
  if (/^(SyntaxError|IndentationError|TabError)/.test(error)) return 'Fix the syntax error in score.py at the line shown, then upload the artifact again.';
  if (/^FileNotFoundError/.test(error)) return 'Put score.py at the top level of the artifact (or in exactly one folder), then upload it again.';
  return 'Fix score.py so that it imports cleanly and defines predict(data, model), then upload the artifact again.';
}

const WORKER_DIED = /Worker \(pid:\d+\) (exited with code|was sent (SIG|code))/;
const WORKER_DEATHS_LOOP = 3;

const fail = (failureClass: StartupFailureClass, message: string, excerpt: string, hint: string): StartupFailure => ({ failureClass, message, excerpt, hint });

function fromModelServer(s: StartupSignals, h: Extract<ModelServerHealth, { status: 'failed' }>): StartupFailure {
  const excerpt = lastTraceback(s.logTail) ?? h.error;
  if (h.serving === 'mlflow') {
    return fail(
      h.stage === 'import' ? 'IMPORT_ERROR' : 'LOAD_MODEL_ERROR',
      `${s.subject}: the MLflow model (no score.py) could not be loaded: ${h.error}`,
      excerpt,
      'Check that the file the MLmodel names is in the artifact and was saved by mlflow.sklearn with pickle or cloudpickle, and that the runtime environment has what it needs (the artifact checks list its requirements), then upload the artifact again.',
    );
  }
  if (h.stage === 'import') {
    return fail('IMPORT_ERROR', `${s.subject}: score.py could not be imported: ${h.error}`, excerpt, importHint(h.error));
  }
  return fail(
    'LOAD_MODEL_ERROR',
    `${s.subject}: load_model() in score.py raised ${h.error}`,
    excerpt,
    'Fix load_model() or the files it reads (are they in the artifact, at the path score.py opens?), then upload the artifact again.',
  );
}

function fromContainer(s: StartupSignals, c: NonNullable<StartupSignals['container']>): StartupFailure | null {
  if (c.oomKilled || c.oomEvents > 0 || /Perhaps out of memory\?/.test(s.logTail)) {
    const limit = c.memoryLimitBytes ? ` of ${formatBytes(c.memoryLimitBytes)}` : '';
    const what = c.running ? 'a process in it was killed' : `it was killed (exit code ${c.exitCode ?? '?'})`;
    return fail(
      'OOM_KILLED',
      `${s.subject} ran out of memory: ${what} at its memory limit${limit}.`,
      tailExcerpt(s.logTail, 10, /memory|SIGKILL|Killed|MemoryError/i),
      'Choose a shape with more memory, or make the model use less (a smaller model, or fewer copies: set WEB_CONCURRENCY=1).',
    );
  }
  // gunicorn replaces a worker that dies; one that dies again and again never serves.
  const workerDeaths = s.logTail.split('\n').filter((l) => WORKER_DIED.test(l)).length;
  if (c.restarting || c.restartCount > 0 || workerDeaths >= WORKER_DEATHS_LOOP) {
    const what = c.restarting || c.restartCount > 0 ? `${c.restartCount} restart${c.restartCount === 1 ? '' : 's'}, last exit code ${c.exitCode ?? '?'}` : `its server's workers died ${workerDeaths} times`;
    return fail(
      'RESTART_LOOP',
      `${s.subject} keeps restarting (${what}).`,
      lastTraceback(s.logTail) ?? tailExcerpt(s.logTail),
      "Read the output of its last run, fix what makes the server exit, and run the server in the foreground (the container's main process must not end).",
    );
  }
  if (!c.running) {
    const code = c.exitCode ?? '?';
    const how = c.exitCode === 137 ? ' (killed)' : c.exitCode === 139 ? ' (segmentation fault)' : '';
    return fail(
      'CONTAINER_EXITED',
      `${s.subject} stopped (exit code ${code}${how}) before it became healthy.`,
      lastTraceback(s.logTail) ?? (tailExcerpt(s.logTail) || '(the container printed nothing)'),
      c.exitCode === 0
        ? 'The main process ended on its own: run the server in the foreground (no daemon mode, no shell that returns), then create the deployment again.'
        : "Read its last output, fix the image's entrypoint, cmd or environment variables (or the code they run), then create the deployment again.",
    );
  }
  return null;
}

function fromPorts(s: StartupSignals, atTimeout: boolean): StartupFailure | null {
  const l = s.listening;
  if (!l?.sockets) return null;
  const sockets = l.sockets;
  // Sockets are read only while health gets no answer: an HTTP answer since then proves the port
  // listens, so an empty list read while the server was still binding is stale, not a verdict.
  if (sockets.length === 0 && s.health?.last?.kind === 'http') return null;
  const reachable = new Set(sockets.filter(reachableFromOutside).map((x) => x.port));
  const missing = l.declared.filter((d) => !reachable.has(d.port));
  if (missing.length === 0) return null;
  // Listening elsewhere, and stable over two probes: the port is wrong, not late. Listening on
  // nothing yet may be a slow start: only the timeout decides that.
  const stable = l.sameFor >= 2 && sockets.length > 0;
  if (!stable && !atTimeout) return null;
  const first = missing[0];
  if (!first) return null;
  const loopbackOnly = sockets.some((x) => x.port === first.port && !reachableFromOutside(x));
  const heard = sockets.length > 0 ? `it listens on ${describeSockets(sockets)}` : 'it listens on no TCP port at all';
  const message = loopbackOnly
    ? `${s.subject} runs, but listens on port ${first.port} (its ${first.role}) on the loopback address only, so nothing outside the container can reach it.`
    : `${s.subject} runs, but nothing listens on port ${first.port} (its ${first.role}); ${heard}.`;
  const other = sockets.find(reachableFromOutside)?.port;
  const hint = loopbackOnly
    ? `Make the server bind 0.0.0.0:${first.port} instead of 127.0.0.1.`
    : other !== undefined
      ? `Set the ${first.role} to ${other} (the port the server binds), or make the server listen on ${first.port}.`
      : `Make the server listen on 0.0.0.0:${first.port}, or set the ${first.role} to the port it uses.`;
  return fail('PORT_NOT_LISTENING', message, tailExcerpt(s.logTail, 8, /listen|bind|port|serving|running on/i) || `Listening sockets: ${heard}.`, hint);
}

function fromHealth(s: StartupSignals, atTimeout: boolean): StartupFailure | null {
  const h = s.health;
  if (h?.last?.kind !== 'http') return null;
  const { status, body } = h.last;
  const msh = parseModelServerHealth(body);
  if (msh?.status === 'failed') return fromModelServer(s, msh);
  if (msh?.status === 'loading') return null;
  // 4xx never heals (a wrong path); 500/501 rarely does. 502-504 mean "not ready" by convention.
  const settled = (status >= 400 && status < 500 && status !== 408 && status !== 429 && h.sameFor >= 3) || ((status === 500 || status === 501) && h.sameFor >= 10);
  if (!settled && !(atTimeout && status >= 400)) return null;
  return fail(
    'HEALTH_CHECK_FAILED',
    `${s.subject}'s health check GET ${h.path} on port ${h.port} answers HTTP ${status}${atTimeout ? ` after ${seconds(s.elapsedMs)}` : ''}.`,
    body.trim() ? `HTTP ${status}: ${body.trim().slice(0, 500)}` : tailExcerpt(s.logTail),
    status === 404 || status === 405
      ? `Set MODEL_DEPLOY_HEALTH_ENDPOINT to the path the server answers GET on with 200, or add ${h.path} to the server.`
      : `Make GET ${h.path} answer 200 once the server is ready; read the predict log for why it does not.`,
  );
}

/** The failure the signals show, or null while the start may still succeed. */
export function classifyStartup(s: StartupSignals): StartupFailure | null {
  if (s.createError) {
    if (s.createError.imageMissing) {
      const image = s.image ?? 'The image';
      return fail(
        'IMAGE_NOT_FOUND',
        `${s.subject}: image ${image} is not on this machine.`,
        s.createError.message,
        'Build or load the image on this machine (docker build -t name:tag . or docker load), then create or activate the deployment again.',
      );
    }
    return fail('CONTAINER_START_ERROR', `${s.subject} could not be started: ${s.createError.message}`, s.createError.message, 'Read the Docker engine\'s message; fix the configuration it names (entrypoint, ports, environment), then try again.');
  }
  if (s.container) {
    const c = fromContainer(s, s.container);
    if (c) return c;
  }
  const atTimeout = s.elapsedMs >= s.timeoutMs;
  const health = fromHealth(s, false);
  if (health) return health;
  const ports = fromPorts(s, atTimeout);
  if (ports) return ports;
  if (!atTimeout) return null;
  const late = fromHealth(s, true);
  if (late) return late;
  const loading = s.health?.last?.kind === 'http' && parseModelServerHealth(s.health.last.body)?.status === 'loading';
  return fail(
    'TIMEOUT',
    `${s.subject} did not pass its health check on ${s.health?.path ?? '/health'} within ${seconds(s.timeoutMs)} (last: ${answerText(s.health?.last ?? null)}).`,
    tailExcerpt(s.logTail) || answerText(s.health?.last ?? null),
    loading
      ? 'The model was still loading: if it only loads slowly, raise BERTH_STARTUP_TIMEOUT_S; otherwise make load_model() faster.'
      : 'Read the predict log for what the server was doing; if it only starts slowly, raise BERTH_STARTUP_TIMEOUT_S.',
  );
}

/** "IMPORT_ERROR: ... What to do: ...": one paragraph for lifecycle details and work request errors. */
export const describeStartupFailure = (f: StartupFailure) => `${f.failureClass}: ${f.message} What to do: ${f.hint}`;
