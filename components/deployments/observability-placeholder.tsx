import { EmptyState } from '@/components/ui/empty-state';

/** The metrics and logs tabs keep their place until observability lands, and say what will be there. */
export function ObservabilityPlaceholder({ kind }: { kind: 'metrics' | 'logs' }) {
  if (kind === 'metrics') {
    return (
      <EmptyState
        title="Metrics are not collected yet"
        description={
          <>
            This tab will chart the deployment&apos;s predict request count, success rate, latency and bandwidth use, and CPU
            and memory per instance, over the last hour by default. They come with the observability work. Until then, the
            Invoke tab shows the status and latency of each request you send.
          </>
        }
      />
    );
  }
  return (
    <EmptyState
      title="Logs are not collected yet"
      description={
        <>
          This tab will list the deployment&apos;s access and predict logs: each request&apos;s time, status, latency and
          opc-request-id, and what score.py printed. They come with the observability work. Until then, each work
          request&apos;s log is in the Work requests tab.
        </>
      }
    />
  );
}
