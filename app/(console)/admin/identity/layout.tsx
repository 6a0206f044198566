import type { ReactNode } from 'react';
import { LinkTabs } from '@/components/ui/tabs';
import { PageHeader } from '@/components/ui/page-header';
import { gateTenancyOps } from '@/server/services/identity/admin/scope';
import { orNotFound, pageScope } from './scope';

export const dynamic = 'force-dynamic';

const TABS = [
  { href: '/admin/identity', label: 'Users' },
  { href: '/admin/identity/groups', label: 'Groups' },
  { href: '/admin/identity/policies', label: 'Policies' },
  { href: '/admin/identity/compartments', label: 'Compartments' },
] as const;

export default async function IdentityLayout({ children }: { children: ReactNode }) {
  orNotFound(gateTenancyOps(await pageScope()));
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Identity and access"
        description="Users, groups, the policy statements that grant them access, and the compartment tree the statements name."
        breadcrumbs={[{ label: 'Operations', href: '/admin' }, { label: 'Identity and access' }]}
      />
      <LinkTabs tabs={TABS} label="Identity sections" />
      {children}
    </div>
  );
}
