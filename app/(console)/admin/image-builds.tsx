import { RelativeTime } from '@/components/relative-time';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { ProgressBar } from '@/components/ui/progress-bar';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { ImageBuildView } from '@/server/services/image-builds';

const STATE: Record<ImageBuildView['state'], { label: string; tone: BadgeTone }> = {
  IN_PROGRESS: { label: 'Building', tone: 'info' },
  SUCCEEDED: { label: 'Succeeded', tone: 'success' },
  FAILED: { label: 'Failed', tone: 'danger' },
  INTERRUPTED: { label: 'Interrupted', tone: 'warning' },
};

const TRIGGER: Record<ImageBuildView['trigger'], string> = {
  setup: 'Setup (npm start)',
  deployment: 'A deployment needed it',
  operator: 'An operator, on this page',
};

function duration(b: ImageBuildView): string {
  const end = b.timeFinished ? Date.parse(b.timeFinished) : Date.now();
  const s = Math.max(0, Math.round((end - Date.parse(b.timeStarted)) / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** What the build is doing now, or how it ended. */
function Progress({ b }: { b: ImageBuildView }) {
  const step = b.currentStep?.replace(/^Step (\d+)\/(\d+) : /, 'Step $1 of $2: ');
  if (b.state === 'IN_PROGRESS') {
    return (
      <div className="flex min-w-64 flex-col gap-1">
        <ProgressBar label={`Progress of ${b.image}`} {...(b.percent === null ? {} : { value: b.percent })} showValue />
        <span className="truncate text-xs text-gray-700">{step ?? (b.slug === null ? 'Making the Debian base with debootstrap' : 'Starting')}</span>
        {b.lastLine && <span className="truncate font-mono text-xs text-gray-500">{b.lastLine}</span>}
      </div>
    );
  }
  if (b.state === 'INTERRUPTED') return <span className="text-sm text-gray-700">Its process stopped mid-build; the next deployment or start builds it again.</span>;
  if (b.state === 'FAILED') return <span className="text-sm whitespace-pre-wrap text-red-800">{b.error ?? 'Failed without a message.'}</span>;
  return <span className="text-sm text-gray-700">{b.stepsTotal ? `Done: all ${b.stepsTotal} steps` : 'Done'}</span>;
}

export function ImageBuildsTable({ builds }: { builds: readonly ImageBuildView[] }) {
  if (builds.length === 0) {
    return (
      <EmptyState
        title="No image builds recorded"
        description="Builds of runtime images appear here with their progress: those of npm start's setup, of a deployment whose image was missing, and rebuilds started above."
      />
    );
  }
  return (
    <Table label="Runtime image builds">
      <THead>
        <TR>
          <TH>Image</TH>
          <TH>Started by</TH>
          <TH>State</TH>
          <TH>Progress</TH>
          <TH>Started</TH>
          <TH>Took</TH>
        </TR>
      </THead>
      <TBody>
        {builds.map((b) => (
          <TR key={b.id}>
            <TD className="font-mono text-xs">{b.image}</TD>
            <TD>{TRIGGER[b.trigger]}</TD>
            <TD>
              <Badge tone={STATE[b.state].tone} dot>
                {STATE[b.state].label}
              </Badge>
            </TD>
            <TD>
              <Progress b={b} />
            </TD>
            <TD>
              <RelativeTime iso={b.timeStarted} />
            </TD>
            <TD className="tabular-nums">{duration(b)}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
