import Link from 'next/link';
import type { DeploymentsPage } from '@/server/services/ops-dashboard';

// Plain links rather than the list pages' client pager: the rest of /admin keeps no URL state, and
// a server-rendered link pages without JavaScript.
const href = (page: number) => (page <= 1 ? '/admin' : `/admin?page=${page}`);
const linkClass = 'rounded border border-gray-300 px-2 py-1 font-medium text-gray-700 hover:bg-gray-50';
const disabledClass = 'rounded border border-gray-200 px-2 py-1 text-gray-400';

export function OpsPager({ page }: { page: DeploymentsPage }) {
  const last = Math.max(1, Math.ceil(page.total / page.pageSize));
  const from = page.rows.length ? (page.page - 1) * page.pageSize + 1 : 0;
  const to = from === 0 ? 0 : from + page.rows.length - 1;
  const fmt = (n: number) => n.toLocaleString('en-US');
  return (
    <nav aria-label="Deployments pages" className="flex items-center justify-between gap-4 text-sm text-gray-600">
      <p>
        Showing {fmt(from)}–{fmt(to)} of {fmt(page.total)} {page.total === 1 ? 'deployment' : 'deployments'}
      </p>
      {last > 1 && (
        <div className="flex items-center gap-2">
          {page.page > 1 ? (
            <Link className={linkClass} href={href(page.page - 1)}>
              Previous
            </Link>
          ) : (
            <span aria-disabled="true" className={disabledClass}>
              Previous
            </span>
          )}
          <span>
            Page {fmt(page.page)} of {fmt(last)}
          </span>
          {page.page < last ? (
            <Link className={linkClass} href={href(page.page + 1)}>
              Next
            </Link>
          ) : (
            <span aria-disabled="true" className={disabledClass}>
              Next
            </span>
          )}
        </div>
      )}
    </nav>
  );
}
