import type { LocatedProblem } from '@/server/validation/deployment-yaml';

const TONE = { error: 'text-red-800 bg-red-50 border-red-200', warning: 'text-amber-900 bg-amber-50 border-amber-200' } as const;

/** Every problem of a spec with its path and line, errors first. */
export function YamlProblems({ problems }: { problems: readonly LocatedProblem[] }) {
  if (problems.length === 0) return null;
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? (a.line ?? 0) - (b.line ?? 0) : a.severity === 'error' ? -1 : 1));
  return (
    <section aria-label="Problems in the spec" className="flex flex-col gap-1">
      <h3 className="text-sm font-semibold text-gray-900">Problems ({problems.length})</h3>
      <ul className="flex flex-col gap-1">
        {sorted.map((p, i) => (
          <li key={`${p.where}-${i}`} className={`rounded border px-3 py-2 text-sm ${TONE[p.severity]}`}>
            <span className="font-medium">{p.severity === 'error' ? 'Error' : 'Warning'}</span>
            {p.line ? <span> · line {p.line}</span> : null} · <code className="font-mono text-xs">{p.where}</code>: {p.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
