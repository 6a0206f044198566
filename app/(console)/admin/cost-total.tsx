import { formatRange } from '@/components/deployments/cost-panel';
import type { CostTotal } from '@/server/services/costs';

/** The operations page's cost line: what the billed deployments cost together at list prices. */
export function CostTotalPanel({ view }: { view: CostTotal }) {
  const { total, currency } = view;
  return (
    <div className="flex flex-col gap-1 rounded-lg border border-gray-200 bg-white p-4 text-sm text-gray-800">
      {view.count === 0 ? (
        <p>No deployment is active, so nothing is billed at the moment.</p>
      ) : (
        <>
          <p>
            {view.count} active deployment{view.count === 1 ? '' : 's'}: <strong>{formatRange(total.hourly, currency, 4)}</strong> an hour,{' '}
            <strong>{formatRange(total.monthly, currency, 2)}</strong> a month
            {total.hourly.min !== total.hourly.max ? ' (from every autoscaled deployment at its minimum to all at their maximum)' : ''}.
          </p>
          <p className="text-xs text-gray-600">
            OCI list prices{view.asOf ? ` of ${view.asOf}` : ''} for the instances&apos; compute and the load balancers, as the deployment pages estimate them
            (BERTH_PRICE_TABLE sets another table).
          </p>
        </>
      )}
      {view.unpriced.map((u) => (
        <p key={u.reason} className="text-xs text-amber-800">
          {u.deployments} deployment{u.deployments === 1 ? '' : 's'} not counted: {u.reason}
        </p>
      ))}
    </div>
  );
}
