import { formatDecimalGigabytes } from './bytes';
import { COMMAND_MAX_BYTES, IMAGE_MAX_BYTES, portRuleIssue } from './byoc-limits';
import { reachableFromOutside, type ListeningSocket } from './listening-ports';
import { lastTraceback, tailExcerpt, type StartupFailure, type StartupFailureClass } from './startup-failure';

// "Check before create": what a throwaway run of a deployment's configuration showed, judged item
// by item against the container contract (seed 001) with a reason each. The observations are made
// by a provider; this module only judges them, so every verdict and its wording is testable alone.
// Why a start failed is named by startup-failure.ts, as for a deployment's instances: the check
// puts that named failure on the item it concerns.

export type CheckStatus = 'pass' | 'warn' | 'fail';
export type CheckKind = 'conda' | 'container';

export const CHECK_IDS = ['image', 'command', 'image-size', 'port-rules', 'process', 'health', 'ports-listen', 'predict', 'curl'] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface CheckItem {
  id: CheckId;
  label: string;
  status: CheckStatus;
  reason: string;
  /** The lines of the container's output that show the cause. */
  excerpt?: string;
  /** What to do about it. */
  hint?: string;
  /** The named class of a start failure (startup-failure.ts). */
  failureClass?: StartupFailureClass;
}

export type Verdict = Omit<CheckItem, 'id' | 'label'>;

export interface CheckReport {
  kind: CheckKind;
  image: string;
  items: CheckItem[];
  outcome: CheckStatus;
  seconds: number;
}

export interface CheckPaths {
  serverPort: number;
  healthPort: number;
  healthPath: string;
  predictPath: string;
}

export function checkLabels(kind: CheckKind, p: CheckPaths): Record<CheckId, string> {
  return {
    image: kind === 'conda' ? 'The runtime image is ready' : 'The image is on this machine',
    command: 'CMD or entrypoint is set',
    'image-size': 'The image is under the 16 GB limit',
    'port-rules': 'The ports keep the port rules',
    curl: 'curl is in the image',
    process: 'The process stays up',
    'ports-listen': 'The declared ports listen',
    health: `GET ${p.healthPath} answers`,
    predict: `POST ${p.predictPath} answers the sample`,
  };
}

export const checkOutcome = (items: readonly Pick<CheckItem, 'status'>[]): CheckStatus =>
  items.some((i) => i.status === 'fail') ? 'fail' : items.some((i) => i.status === 'warn') ? 'warn' : 'pass';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const gb = formatDecimalGigabytes;
const utf8 = (parts: readonly string[]) => parts.reduce((n, s) => n + new TextEncoder().encode(s).length, 0);
export const notChecked = (why: string): Verdict => ({ status: 'warn', reason: `Not checked: ${why}` });
const excerptOf = (log: string) => lastTraceback(log) ?? (tailExcerpt(log) || null);

// ---- What the image declares ---------------------------------------------------------------

export interface ImageFacts {
  sizeBytes: number;
  entrypoint: string[] | null;
  cmd: string[] | null;
  /** Ports the image EXPOSEs. */
  exposedPorts: number[];
}

export interface CommandOverride {
  entrypoint?: string[] | undefined;
  cmd?: string[] | undefined;
}

/** What Docker runs: an entrypoint given through the API drops the image's CMD, as `docker run --entrypoint` does. */
export function effectiveCommand(image: Pick<ImageFacts, 'entrypoint' | 'cmd'>, o: CommandOverride): { entrypoint: string[]; cmd: string[]; source: string } {
  if (o.entrypoint?.length) return { entrypoint: o.entrypoint, cmd: o.cmd ?? [], source: 'the entrypoint given here' };
  const cmd = o.cmd?.length ? o.cmd : (image.cmd ?? []);
  const entrypoint = image.entrypoint ?? [];
  const from = [entrypoint.length ? "the image's ENTRYPOINT" : null, cmd.length ? (o.cmd?.length ? 'the CMD given here' : "the image's CMD") : null].filter(Boolean);
  return { entrypoint, cmd, source: from.join(' and ') || 'nothing' };
}

export function judgeCommand(image: ImageFacts, o: CommandOverride): Verdict {
  const { entrypoint, cmd, source } = effectiveCommand(image, o);
  const all = [...entrypoint, ...cmd];
  if (all.length === 0) {
    return {
      status: 'fail',
      reason: 'Neither the image nor this configuration sets a CMD or an entrypoint, so nothing would start the web server.',
      hint: 'Set CMD or ENTRYPOINT in the Dockerfile, or fill in Entrypoint or CMD here.',
    };
  }
  const bytes = utf8(all);
  if (bytes >= COMMAND_MAX_BYTES) {
    return {
      status: 'fail',
      reason: `CMD and entrypoint together take ${bytes} bytes; they must stay under ${COMMAND_MAX_BYTES} bytes.`,
      hint: 'Pass long arguments through the model artifact instead.',
    };
  }
  return { status: 'pass', reason: `Runs ${all.join(' ')} (from ${source}).` };
}

export function judgeImageSize(sizeBytes: number): Verdict {
  if (sizeBytes > IMAGE_MAX_BYTES) {
    return {
      status: 'fail',
      reason: `The image is ${gb(sizeBytes)} uncompressed; model deployments take images up to ${gb(IMAGE_MAX_BYTES)}.`,
      hint: 'Use a smaller base image, or move the model weights into the model artifact.',
    };
  }
  return { status: 'pass', reason: `${gb(sizeBytes)} uncompressed, of ${gb(IMAGE_MAX_BYTES)} allowed.` };
}

export function judgePortRules(kind: CheckKind, p: Pick<CheckPaths, 'serverPort' | 'healthPort'>, exposed: readonly number[]): Verdict {
  if (kind === 'conda') return { status: 'pass', reason: `Berth's model server listens on ${p.serverPort}, which the rules allow.` };
  const issues = [...new Set([p.serverPort, p.healthPort])].map(portRuleIssue).filter((i): i is string => i !== null);
  if (issues.length) return { status: 'fail', reason: issues.join(' '), hint: 'Choose ports from 1024 to 65535, other than 24224, 8446 and 8447.' };
  const ports = p.serverPort === p.healthPort ? `Server and health check port ${p.serverPort}` : `Server port ${p.serverPort} and health check port ${p.healthPort}`;
  const unexposed = [...new Set([p.serverPort, p.healthPort])].filter((port) => !exposed.includes(port));
  if (exposed.length > 0 && unexposed.length > 0) {
    return {
      status: 'warn',
      reason: `${ports} keep the rules, but the image EXPOSEs ${exposed.join(', ')}, not ${unexposed.join(', ')}.`,
      hint: 'Make sure these are the ports the server listens on.',
    };
  }
  return { status: 'pass', reason: `${ports} keep the rules (1024 to 65535, not 24224, 8446 or 8447).` };
}

// ---- What the run showed -------------------------------------------------------------------

export interface CurlObservation {
  /** null: it could not be found out (the reason is in detail). */
  found: boolean | null;
  detail: string;
}

export function judgeCurl(kind: CheckKind, o: CurlObservation): Verdict {
  const first = o.detail.split('\n')[0]?.trim() ?? '';
  if (o.found === true) return { status: 'pass', reason: first ? `${first.slice(0, 80)}.` : 'curl runs in the image.' };
  if (o.found === null) return notChecked(o.detail);
  if (kind === 'conda') return { status: 'fail', reason: "The runtime image has no curl; rebuild it from the operations page." };
  return {
    status: 'fail',
    reason: "curl is not in the image. The service's Docker HEALTHCHECK runs curl against /health, so without it every instance fails its health check.",
    hint: 'Install curl in the Dockerfile, for example: RUN apt-get update && apt-get install -y curl.',
  };
}

export interface ProcessObservation {
  running: boolean;
  exitCode: number | null;
  oomKilled: boolean;
  /** How long it was watched, from its start. */
  observedMs: number;
  log: string;
}

/** The process at the end of the check, after it had started (a failed start comes named). */
export function judgeProcess(o: ProcessObservation): Verdict {
  if (o.running) return { status: 'pass', reason: `Still running after ${seconds(o.observedMs)}.` };
  const excerpt = excerptOf(o.log);
  return {
    status: 'fail',
    reason: `The process ${o.oomKilled ? 'was killed for memory' : `exited with code ${o.exitCode ?? '?'}`} within ${seconds(o.observedMs)} of its start.`,
    hint: 'A model server must keep running between requests: see its output.',
    ...(excerpt ? { excerpt } : {}),
  };
}

/** The check item a named start failure belongs to. */
export const FAILURE_ITEM: Record<StartupFailureClass, CheckId> = {
  IMAGE_NOT_FOUND: 'image',
  CONTAINER_START_ERROR: 'process',
  CONTAINER_EXITED: 'process',
  OOM_KILLED: 'process',
  RESTART_LOOP: 'process',
  PORT_NOT_LISTENING: 'ports-listen',
  IMPORT_ERROR: 'health',
  LOAD_MODEL_ERROR: 'health',
  HEALTH_CHECK_FAILED: 'health',
  TIMEOUT: 'health',
};

/**
 * A named start failure as the verdict of its item. The check waits seconds, not a deployment's
 * startup timeout, so running out of that wait is a warning: the server may only be slow.
 */
export function failureVerdict(f: StartupFailure, checkWaitMs: number): Verdict {
  const excerpt = f.excerpt ? { excerpt: f.excerpt } : {};
  if (f.failureClass === 'TIMEOUT') {
    return {
      status: 'warn',
      reason: `No healthy answer within the check's ${seconds(checkWaitMs)}: ${f.message} A deployment waits up to its startup timeout.`,
      hint: f.hint,
      failureClass: f.failureClass,
      ...excerpt,
    };
  }
  return { status: 'fail', reason: f.message, hint: f.hint, failureClass: f.failureClass, ...excerpt };
}

/** What the items after a named failure say instead of a verdict. */
export function notCheckedAfter(f: StartupFailure): Verdict {
  return notChecked(`the start failed first (${f.failureClass}).`);
}

export function judgeListening(
  p: Pick<CheckPaths, 'serverPort' | 'healthPort'>,
  sockets: readonly ListeningSocket[] | null,
  o: { processUp: boolean; healthAnswered: boolean },
): Verdict {
  const declared = [...new Set([p.serverPort, p.healthPort])];
  const role = (port: number) =>
    port === p.serverPort && port === p.healthPort ? 'server and health check port' : port === p.serverPort ? 'server port' : 'health check port';
  if (sockets === null) {
    if (o.healthAnswered) return { status: 'pass', reason: `Port ${p.healthPort} answered HTTP (the listening sockets could not be read).` };
    return o.processUp ? notChecked('the container’s listening sockets could not be read.') : notChecked('the process is not running.');
  }
  if (!o.processUp && sockets.length === 0) return notChecked('the process is not running.');
  const ports = [...new Set(sockets.map((s) => s.port))].sort((a, b) => a - b);
  const elsewhere = ports.length ? `The process listens on ${ports.join(', ')}.` : 'The process listens on no TCP port.';
  const missing = declared.filter((port) => !sockets.some((s) => s.port === port));
  if (missing.length) {
    // Where it does listen is the likely right value (an undeclared port first).
    const first = ports.find((port) => !declared.includes(port)) ?? ports[0];
    return {
      status: 'fail',
      reason: `Nothing listens on ${missing.map((port) => `${port} (${role(port)})`).join(' or ')}. ${elsewhere}`,
      hint: first ? `Set the ${role(missing[0] ?? p.serverPort)} to ${first}, or make the server listen on ${missing.join(' and ')}.` : 'Start the web server on the declared ports.',
    };
  }
  const loopOnly = declared.filter((port) => !sockets.some((s) => s.port === port && reachableFromOutside(s)));
  if (loopOnly.length) {
    return {
      status: 'fail',
      reason: `Port ${loopOnly.join(', ')} listens on the loopback address only, so the load balancer cannot reach it.`,
      hint: 'Bind the server to 0.0.0.0.',
    };
  }
  return { status: 'pass', reason: `${declared.map((port) => `${port} (${role(port)})`).join(' and ')} listen${declared.length === 1 ? 's' : ''}.` };
}

export interface HttpObservation {
  /** null when no HTTP answer came (error says why). */
  status: number | null;
  body: string;
  error?: string;
  ms: number;
}

export const healthPassed = (port: number, waitedMs: number): Verdict => ({ status: 'pass', reason: `Answered with a 2xx status on port ${port} after ${seconds(waitedMs)}.` });

export interface PredictContext {
  kind: CheckKind;
  path: string;
  healthy: boolean;
  /** Whether the sample came from the model's input schema (a fitting request) or is a generic shape. */
  sampleFromSchema: boolean;
  log: string;
}

export function judgePredict(o: HttpObservation | null, c: PredictContext): Verdict {
  if (!c.healthy || !o) return notChecked('the health check did not pass.');
  if (o.status === null) return { status: 'fail', reason: `No answer to POST ${c.path}${o.error ? ` (${o.error})` : ''}.` };
  const body = o.body.trim().slice(0, 200);
  if (o.status >= 200 && o.status < 300) return { status: 'pass', reason: `Answered ${o.status} in ${Math.round(o.ms)} ms${body ? `: ${body}` : ''}.` };
  if (o.status === 404 || o.status === 405) {
    return {
      status: 'fail',
      reason: `Answered ${o.status}: the server has no POST ${c.path}.`,
      ...(c.kind === 'container' ? { hint: 'Serve POST /predict, or set MODEL_DEPLOY_PREDICT_ENDPOINT to the path your server uses.' } : {}),
    };
  }
  const excerpt = o.status >= 500 ? excerptOf(c.log) : null;
  const what = `Answered ${o.status}${body ? `: ${body}` : ''}.`;
  if (!c.sampleFromSchema) {
    return {
      status: 'warn',
      reason: `${what} The model has no input schema, so the sample was a generic shape; the model may expect another.`,
      hint: "Give the model an input schema (or an example) so the sample fits it.",
      ...(excerpt ? { excerpt } : {}),
    };
  }
  return { status: o.status >= 500 ? 'fail' : 'warn', reason: `${what} The sample was built from the model's input schema.`, ...(excerpt ? { excerpt } : {}) };
}
