import { DATA_SCIENCE_OPERATIONS, type OciOperation } from './operations';

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

const compile = (operations: readonly OciOperation[]): CompiledOperation[] => operations.map(([method, path, name]) => ({ method, segments: path.split('/').filter(Boolean), name }));

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

/** A matcher over one client's operations (another OCI service's table). */
export function createOperationMatcher(operations: readonly OciOperation[]): (method: string, path: string) => RouteMatch {
  const compiled = compile(operations);
  return (method, path) => matchIn(compiled, method, path);
}

const dataScience = compile(DATA_SCIENCE_OPERATIONS);

/** `path` is below the version prefix: `/projects/ocid1...`. HEAD matches only HEAD operations. */
export function matchOperation(method: string, path: string): RouteMatch {
  return matchIn(dataScience, method, path);
}

function matchIn(compiled: readonly CompiledOperation[], method: string, path: string): RouteMatch {
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
