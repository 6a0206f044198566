'use client';

import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { ProgressBar } from '@/components/ui/progress-bar';
import { Spinner } from '@/components/ui/spinner';
import type { CheckItem, CheckStatus } from '@/server/domain/deployment-check';
import { FormSection, Note } from './form-section';
import { toConfiguration, type FormValues } from './form-model';
import { useDeploymentCheck } from './use-deployment-check';

const LOOK: Record<CheckStatus, { word: string; glyph: string; className: string }> = {
  pass: { word: 'Pass', glyph: '✓', className: 'bg-green-50 text-green-800 ring-green-600/30' },
  warn: { word: 'Warning', glyph: '!', className: 'bg-amber-50 text-amber-800 ring-amber-600/30' },
  fail: { word: 'Failure', glyph: '✕', className: 'bg-red-50 text-red-800 ring-red-600/30' },
};

const OUTCOME: Record<CheckStatus, { text: string; tone: 'info' | 'warning' | 'danger' }> = {
  pass: { text: 'Every check passed: this configuration starts and serves.', tone: 'info' },
  warn: { text: 'It starts, but read the warnings below.', tone: 'warning' },
  fail: { text: 'This configuration would fail to deploy; the failures below say why.', tone: 'danger' },
};

function Row({ label, item }: { label: string; item: CheckItem | undefined }) {
  const look = item ? LOOK[item.status] : null;
  return (
    <li className="flex items-start gap-3 py-2">
      <span
        className={cn(
          'mt-0.5 inline-flex w-24 shrink-0 items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
          look ? look.className : 'bg-gray-50 text-gray-600 ring-gray-300',
        )}
      >
        {look ? (
          <span aria-hidden="true" className="w-3 text-center font-bold">
            {look.glyph}
          </span>
        ) : (
          <Spinner />
        )}
        {look ? look.word : 'Checking'}
      </span>
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-gray-900">{label}</p>
        {item && (
          <>
            <p className="text-sm break-words text-gray-600">
              {item.failureClass && <span className="mr-1 font-mono text-xs font-semibold text-red-800">{item.failureClass}</span>}
              {item.reason}
            </p>
            {item.hint && <p className="text-sm text-gray-800">What to do: {item.hint}</p>}
            {item.excerpt && (
              <pre className="mt-1 max-h-48 overflow-auto rounded bg-gray-900 p-2 text-xs whitespace-pre-wrap text-gray-100">{item.excerpt}</pre>
            )}
          </>
        )}
      </div>
    </li>
  );
}

/**
 * "Check": runs the configuration as it stands in a throwaway container and shows, item by item,
 * whether it would start and serve, before anything is created.
 */
export function CheckBeforeCreate({ values }: { values: FormValues }) {
  const { state, run } = useDeploymentCheck();
  const missing = !values.modelId ? 'Choose a model first.' : values.useContainer && !values.image.trim() ? 'Choose an image first.' : null;
  const config = toConfiguration(values);
  const running = state.phase === 'running';
  const stale = (state.phase === 'done' || state.phase === 'running') && state.checked !== JSON.stringify(config);
  const planned = state.phase === 'running' ? state.planned : state.phase === 'done' ? state.report.items : [];
  const decided = state.phase === 'running' ? state.decided : state.phase === 'done' ? Object.fromEntries(state.report.items.map((i) => [i.id, i])) : {};
  const count = Object.keys(decided).length;

  return (
    <FormSection
      title="Check before create"
      description="Starts this configuration once in a throwaway container, with the model’s artifact and a sample request, and reports in seconds whether it would serve. Nothing is created; the container is removed afterwards."
    >
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" onClick={() => void run(config)} loading={running} disabled={missing !== null || running}>
          {state.phase === 'idle' ? 'Check' : 'Check again'}
        </Button>
        {missing && <span className="text-sm text-gray-600">{missing}</span>}
        {stale && !running && <span className="text-sm text-amber-800">The configuration changed since this check.</span>}
      </div>
      {state.phase === 'failed' && <Note tone="danger">{state.message}</Note>}
      {running && (
        <div className="flex flex-col gap-1.5" aria-live="polite">
          <p className="text-sm text-gray-800">{state.step}</p>
          <ProgressBar label="Check progress" {...(planned.length ? { value: count, max: planned.length } : {})} />
        </div>
      )}
      {state.phase === 'done' && (
        <Note tone={OUTCOME[state.report.outcome].tone}>
          <span role="status">
            {OUTCOME[state.report.outcome].text} Checked in {state.report.seconds.toFixed(1)} s.
          </span>
        </Note>
      )}
      {planned.length > 0 && (
        <ul aria-label="Check results" className="flex flex-col divide-y divide-gray-100">
          {planned.map((p) => (
            <Row key={p.id} label={p.label} item={decided[p.id]} />
          ))}
        </ul>
      )}
    </FormSection>
  );
}
