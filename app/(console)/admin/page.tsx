import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { requireOpsPage } from '@/server/auth/page-access';
import { getAppContext } from '@/server/services/context';
import { getOpsDashboard } from '@/server/services/ops-dashboard';
import { opsSearchParamsSchema } from '@/server/validation/ops-params';
import { getGatewayHealth } from '@/server/services/gateway-supervision';
import { RefreshWhile } from '@/components/shell/refresh-while';
import { firingAlarmsForOps } from '@/server/services/alarms/alarms';
import { FiringAlarms } from './firing-alarms';
import { costGroups } from '@/db/queries/cost-groups';
import { BILLED_STATES, totalCost } from '@/server/services/costs';
import { CostTotalPanel } from './cost-total';
import { GatewayStatusPanel } from './gateway-status';
import { HostCapacity } from './host-capacity';
import { ImageBuildsTable } from './image-builds';
import { ContainersTable, DeploymentsTable, FailedWorkRequests, ImagesTable } from './ops-tables';

export const metadata: Metadata = { title: 'Operations' };
export const dynamic = 'force-dynamic';

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `ops-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section aria-labelledby={id} className="flex flex-col gap-2">
      <h2 id={id} className="text-base font-semibold text-gray-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function OperationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireOpsPage();
  const ctx = getAppContext();
  const { page } = opsSearchParamsSchema.parse(await searchParams);
  const [data, gateway] = await Promise.all([getOpsDashboard(ctx, new Date(), { page }), getGatewayHealth(ctx)]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Operations"
        description="This host's capacity, every deployment's health and traffic, and what Berth runs in Docker."
        actions={
          <span className="flex gap-2">
            <Link href="/admin/identity" className={buttonClasses()}>
              Identity and access
            </Link>
            <Link href="/admin/audit" className={buttonClasses()}>
              Audit log
            </Link>
          </span>
        }
      />
      <Section title="Gateway">
        <GatewayStatusPanel view={gateway} />
      </Section>
      <Section title="Firing alarms">
        <FiringAlarms rows={firingAlarmsForOps(ctx.db)} />
      </Section>
      <Section title="Host capacity">
        <HostCapacity host={data.host} />
      </Section>
      <Section title="Cost">
        <CostTotalPanel view={totalCost(ctx.config, costGroups(ctx.db, BILLED_STATES))} />
      </Section>
      <Section title="Deployments">
        <DeploymentsTable data={data} />
      </Section>
      <Section title="Runtime images">
        <ImagesTable images={data.images} builds={data.builds} />
      </Section>
      <Section title="Image builds">
        <ImageBuildsTable builds={data.builds} />
        <RefreshWhile active={data.builds.some((b) => b.state === 'IN_PROGRESS')} message="An image build is running; this page refreshes until it ends." />
      </Section>
      <Section title="Containers">
        <ContainersTable containers={data.containers} />
      </Section>
      <Section title="Recent failed work requests">
        <FailedWorkRequests rows={data.failedWorkRequests} />
      </Section>
    </div>
  );
}
