import type { IncomingHttpHeaders } from 'node:http';

export type PredictKind = 'predict' | 'predictWithResponseStream';

/** A predict URL taken apart: `/<modelDeploymentId>/<kind>[/<suffix>][?<query>]`. */
export interface PredictTarget {
  modelDeploymentId: string;
  kind: PredictKind;
  /** The path after the kind, without its leading slash, kept encoded; '' when absent. */
  suffix: string;
  /** '?…' as received, or ''. */
  query: string;
}

/** What the path mapping needs of a route. */
export interface PathRoute {
  predictPath: string;
  healthPath: string;
  containerType: string | null;
}

export type PathResult = { ok: true; path: string } | { ok: false; message: string };

const KINDS: ReadonlySet<string> = new Set<PredictKind>(['predict', 'predictWithResponseStream']);

/** Null for anything that is not a predict URL (answered 404 like an unknown deployment). */
export function parsePredictUrl(url: string): PredictTarget | null {
  const q = url.indexOf('?');
  const pathname = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? '' : url.slice(q);
  if (pathname.charCodeAt(0) !== 47 /* '/' */) return null;
  const idEnd = pathname.indexOf('/', 1);
  if (idEnd <= 1) return null;
  const kindEnd = pathname.indexOf('/', idEnd + 1);
  const kind = pathname.slice(idEnd + 1, kindEnd === -1 ? undefined : kindEnd);
  if (!KINDS.has(kind)) return null;
  const suffix = kindEnd === -1 ? '' : pathname.slice(kindEnd + 1);
  // A dot segment would let a suffix climb out of the predict path on the container.
  if (suffix && suffix.split('/').some(isDotSegment)) return null;
  return { modelDeploymentId: pathname.slice(1, idEnd), kind: kind as PredictKind, suffix, query };
}

function isDotSegment(segment: string): boolean {
  const s = segment.toLowerCase().replaceAll('%2e', '.');
  return s === '.' || s === '..';
}

const isTriton = (route: PathRoute) => route.containerType?.toUpperCase() === 'TRITON';

/**
 * The path on the container. The predict path comes from MODEL_DEPLOY_PREDICT_ENDPOINT (default
 * /predict); streaming goes to /predictWithResponseStream only when that path was left at its
 * default, since a remapped server (vLLM, TGI) streams on the same endpoint. TRITON maps to
 * Triton's KServe v2 inference path named by the `model_name` / `model_version` request headers.
 */
export function upstreamPathOf(route: PathRoute, target: PredictTarget, headers: IncomingHttpHeaders): PathResult {
  if (isTriton(route)) {
    // A suffix reaches the rest of Triton's REST API as is (e.g. /v2/models/<m>/config).
    if (target.suffix) return { ok: true, path: `/${target.suffix}${target.query}` };
    const name = singleHeader(headers['model_name']);
    if (!name) return { ok: false, message: 'The model_name header is required for a Triton model deployment' };
    const version = singleHeader(headers['model_version']);
    const versionPart = version ? `/versions/${encodeURIComponent(version)}` : '';
    return { ok: true, path: `/v2/models/${encodeURIComponent(name)}${versionPart}/infer${target.query}` };
  }
  const base = target.kind === 'predictWithResponseStream' && route.predictPath === '/predict'
    ? '/predictWithResponseStream'
    : route.predictPath;
  const suffix = target.suffix ? `${base.endsWith('/') ? '' : '/'}${target.suffix}` : '';
  return { ok: true, path: `${base}${suffix}${target.query}` };
}

/** Triton answers readiness on its own path whatever MODEL_DEPLOY_HEALTH_ENDPOINT says. */
export function healthPathOf(route: PathRoute): string {
  return isTriton(route) ? '/v2/health/ready' : route.healthPath;
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v?.trim() || undefined;
}
