import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AuditEventsTable } from '@/components/audit/audit-events-table';
import { AuditFilters } from '@/components/audit/audit-filters';
import { AuditPager } from '@/components/audit/audit-pager';
import { PageHeader } from '@/components/ui/page-header';
import { requirePagePrincipal } from '@/server/auth/require-principal';
import { auditLogPage } from '@/server/services/audit-log';
import { getAppContext } from '@/server/services/context';
import { auditSearchParamsSchema, type AuditSearchParams } from '@/server/validation/audit-params';

export const metadata: Metadata = { title: 'Audit log' };
export const dynamic = 'force-dynamic';

const PATH = '/admin/audit';

function hrefOf(params: AuditSearchParams): string {
  const q = new URLSearchParams();
  for (const key of ['principal', 'action', 'resourceId', 'outcome', 'from', 'to'] as const) {
    const v = params[key];
    if (v) q.set(key, v);
  }
  if (params.page && params.page > 1) q.set('page', String(params.page));
  const s = q.toString();
  return s ? `${PATH}?${s}` : PATH;
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requirePagePrincipal();
  const params = auditSearchParamsSchema.parse(await searchParams);
  const result = auditLogPage(getAppContext(), principal, params);
  // To anyone but ops the page does not exist, as OCI answers what a caller may not see.
  if (!result.ok) notFound();
  const { rows, total, page, pageSize, actions } = result.data;
  const filters = { ...params, page: undefined };
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Audit log"
        breadcrumbs={[{ label: 'Operations', href: '/admin' }, { label: 'Audit log' }]}
        description="Every change, sign-in, failed sign-in, key upload and secret reveal, newest first: who, what, when, from where and how it ended. Nothing here is ever changed or removed."
      />
      <AuditFilters values={params} actions={actions} action={PATH} />
      {rows.length === 0 ? (
        <p className="text-sm text-gray-600">No events match these filters.</p>
      ) : (
        <AuditEventsTable events={rows} label="Audit events" filterHref={(f) => hrefOf({ ...filters, ...f })} />
      )}
      <AuditPager page={page} pageSize={pageSize} total={total} shown={rows.length} href={(p) => hrefOf({ ...params, page: p })} />
    </div>
  );
}
