import { DATA_SCIENCE_OPERATIONS } from './operations';

// Matches a request under /20190101 (or /20180401) to the SDK operation it is: the method and the
// path's template, each `{name}` one path segment; the first template that matches wins.

export interface MatchedOperation {
  name: string;
  params: Record<string, string>;
}

interface CompiledOperation {
  method: string;
  segments: string[];
  name: string;
}


function matchSegments(template: string[], actual: string[]): Record<string, string> | null {
  if (template.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i] as string;
    const a = actual[i] as string;
    if (t.startsWith('{') && t.endsWith('}')) {
      let value: string;
      try {
        value = decodeURIComponent(a);
      } catch {
        return null;
      }
      params[t.slice(1, -1)] = value;
    } else if (t !== a) return null;
  }
  return params;
}

export type RouteMatch = { kind: 'operation'; operation: MatchedOperation } | { kind: 'method-not-allowed'; allowed: string[] } | { kind: 'unknown' };

/** A matcher over `[method, path template, operation name]` rows. */
export function operationMatcher(operations: readonly (readonly [string, string, string])[]): (method: string, path: string) => RouteMatch {
  const compiled: CompiledOperation[] = operations.map(([method, path, name]) => ({ method, segments: path.split('/').filter(Boolean), name }));
  return (method, path) => matchCompiled(compiled, method, path);
}

/** `path` is below the version prefix: `/projects/ocid1...`. HEAD matches only HEAD operations. */
export const matchOperation = operationMatcher(DATA_SCIENCE_OPERATIONS);

function matchCompiled(compiled: readonly CompiledOperation[], method: string, path: string): RouteMatch {
  const actual = path.split('/').filter(Boolean);
  const allowed: string[] = [];
  for (const op of compiled) {
    const params = matchSegments(op.segments, actual);
    if (!params) continue;
    if (op.method === method.toUpperCase()) return { kind: 'operation', operation: { name: op.name, params } };
    allowed.push(op.method);
  }
  return allowed.length ? { kind: 'method-not-allowed', allowed } : { kind: 'unknown' };
}
