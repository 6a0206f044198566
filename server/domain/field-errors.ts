// What a form or an API answer shows of a failed validation: each issue's message under its field
// (the dotted path, as zod reports it), the first message per field; and the first issue in OCI's
// InvalidParameter words, "path: message". Issues come as zod reports them; nothing here needs zod.

export interface ValidationIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

export interface FieldErrorOptions {
  /** The key of an issue with an empty path (the whole input): 'form' unless told. */
  fallback?: string;
  /** Another key for a path, where a form shows several paths under one field. */
  keyOf?: (path: readonly string[]) => string | undefined;
}

export const issuePath = (issue: ValidationIssue): string => issue.path.map(String).join('.');

/** Issues keyed by dotted path (or by `keyOf`), the first message per key. */
export function fieldErrorsOf(issues: readonly ValidationIssue[], options: FieldErrorOptions = {}): Record<string, string> {
  const fallback = options.fallback ?? 'form';
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String);
    const key = options.keyOf?.(path) ?? (path.join('.') || fallback);
    out[key] ??= issue.message;
  }
  return out;
}

/** The first issue naming its field ("modelDeploymentConfigurationDetails...: ..."), or `fallback`. */
export function firstIssueText(issues: readonly ValidationIssue[], fallback: string): string {
  const [first] = issues;
  if (!first) return fallback;
  return first.path.length ? `${issuePath(first)}: ${first.message}` : first.message;
}
