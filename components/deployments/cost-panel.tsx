import { KeyValue } from '@/components/ui/key-value';
import type { CostOutcome, CostRange } from '@/server/domain/cost/estimate';

// A deployment's (or a form's) cost at list prices, an hour and a month, with how it was made and
// where the prices come from. Used on the deployment page and in the wizard's review.

export const formatMoney = (v: number, currency: string, digits = 2) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);

export const formatRange = (r: CostRange, currency: string, digits: number) =>
  r.min === r.max ? formatMoney(r.min, currency, digits) : `${formatMoney(r.min, currency, digits)} to ${formatMoney(r.max, currency, digits)}`;

export function CostPanel({ outcome, title = 'Cost estimate', note, id = 'cost-estimate' }: { outcome: CostOutcome; title?: string; note?: string; id?: string }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-gray-200 bg-white p-4">
      <h2 id={id} className="mb-3 text-sm font-semibold text-gray-900">
        {title}
      </h2>
      {!outcome.ok ? (
        <p className="text-sm text-gray-600">No estimate: {outcome.reason}</p>
      ) : (
        <div className="flex flex-col gap-2">
          <KeyValue
            items={[
              { label: 'Hourly', value: formatRange(outcome.estimate.hourly, outcome.estimate.currency, 4) },
              { label: `Monthly (${outcome.estimate.hoursPerMonth} h)`, value: formatRange(outcome.estimate.monthly, outcome.estimate.currency, 2) },
            ]}
          />
          {note && <p className="text-xs text-gray-600">{note}</p>}
          <details className="text-sm">
            <summary className="focus-ring cursor-pointer text-accent-700">How this is estimated</summary>
            <ul className="mt-1 flex list-disc flex-col gap-0.5 pl-5 text-gray-700">
              {outcome.estimate.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
              <li>
                List prices of {outcome.estimate.asOf} ({outcome.estimate.family} family): {outcome.estimate.source}
              </li>
            </ul>
          </details>
        </div>
      )}
    </section>
  );
}
