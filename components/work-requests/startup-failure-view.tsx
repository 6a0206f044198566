import type { WorkRequestError } from '@/server/domain/oci-types';

/**
 * One work request error: a named startup failure shows its class, the log excerpt that shows
 * it and what to do; any other error its code and message.
 */
export function WorkRequestErrorItem({ error }: { error: WorkRequestError }) {
  const f = error.startupFailure;
  if (!f) {
    return (
      <>
        <span className="font-mono text-xs">{error.code}</span>: {error.message}
      </>
    );
  }
  return (
    <div className="flex flex-col gap-1.5" aria-label={`Failure ${f.failureClass}`} role="group">
      <p>
        <span className="rounded bg-red-100 px-1.5 py-0.5 font-mono text-xs font-semibold text-red-900">{f.failureClass}</span> {f.message}
      </p>
      {f.excerpt && (
        <pre aria-label="Log excerpt" className="max-h-56 overflow-auto rounded border border-red-100 bg-gray-50 p-2 font-mono text-xs whitespace-pre-wrap break-words text-gray-800">
          {f.excerpt}
        </pre>
      )}
      <p className="text-gray-800">
        <span className="font-medium">What to do: </span>
        {f.hint}
      </p>
    </div>
  );
}
