import Link from 'next/link';

const linkClass = 'rounded border border-gray-300 px-2 py-1 font-medium text-gray-700 hover:bg-gray-50';
const disabledClass = 'rounded border border-gray-200 px-2 py-1 text-gray-400';

/** Server-rendered page links that keep the filters (the href builder carries them). */
export function AuditPager({ page, pageSize, total, shown, href }: { page: number; pageSize: number; total: number; shown: number; href: (page: number) => string }) {
  const last = Math.max(1, Math.ceil(total / pageSize));
  const from = shown ? (page - 1) * pageSize + 1 : 0;
  const to = from === 0 ? 0 : from + shown - 1;
  const fmt = (n: number) => n.toLocaleString('en-US');
  return (
    <nav aria-label="Audit log pages" className="flex items-center justify-between gap-4 text-sm text-gray-600">
      <p>
        Showing {fmt(from)}–{fmt(to)} of {fmt(total)} {total === 1 ? 'event' : 'events'}
      </p>
      {last > 1 && (
        <div className="flex items-center gap-2">
          {page > 1 ? (
            <Link className={linkClass} href={href(page - 1)}>
              Previous
            </Link>
          ) : (
            <span aria-disabled="true" className={disabledClass}>
              Previous
            </span>
          )}
          <span>
            Page {fmt(page)} of {fmt(last)}
          </span>
          {page < last ? (
            <Link className={linkClass} href={href(page + 1)}>
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
