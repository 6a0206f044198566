'use client';

/** What the live tail is doing, and why nothing may be arriving. */
export function LiveTailStatus({ count, lastPoll, error, intervalMs }: { count: number; lastPoll: number | null; error: Error | null; intervalMs: number }) {
  if (error) {
    return (
      <p role="alert" className="text-sm text-red-700">
        Live tail: {error.message} It keeps trying every {intervalMs / 1000} s.
      </p>
    );
  }
  const checked = lastPoll ? new Date(lastPoll).toLocaleTimeString() : null;
  return (
    <p role="status" className="rounded border border-accent-200 bg-accent-50 px-3 py-2 text-sm text-gray-700">
      {count > 0
        ? `Live tail: ${count} new record${count === 1 ? '' : 's'} added at the top; checking every ${intervalMs / 1000} s.`
        : `Live tail is on: checking every ${intervalMs / 1000} s${checked ? ` (last at ${checked})` : ''}. Nothing new yet: access records appear a few seconds after each request to the deployment, and predict records when its serving containers print something.`}
    </p>
  );
}
