import { redirect } from 'next/navigation';
import { Suspense, type ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { CompartmentPicker } from '@/components/shell/compartment-picker';
import { UserMenu } from '@/components/shell/user-menu';
import { requirePagePrincipal } from '@/server/auth/require-principal';
import { userHasPassword } from '@/db/queries/sign-in';
import { getAppContext } from '@/server/services/context';
import { withDepth } from '@/server/services/list-view';

export const dynamic = 'force-dynamic';

const NAV = [
  { href: '/projects', label: 'Projects' },
  { href: '/models', label: 'Models' },
  { href: '/model-deployments', label: 'Model deployments' },
  { href: '/admin', label: 'Operations' },
] as const;

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const principal = await requirePagePrincipal();
  const { provider, installation, db } = getAppContext();
  // Signed in by a one-time link and no password chosen yet: that comes first.
  if (principal.via === 'session' && !userHasPassword(db, principal.userId)) redirect('/sign-in/new-password');
  const compartments = await provider.listCompartments();
  const options = compartments.ok ? withDepth(compartments.data).map(({ id, name, depth }) => ({ id, name, depth })) : [];
  return (
    <AppShell
      nav={NAV}
      userMenu={<UserMenu userName={principal.userName} />}
      topBar={
        <Suspense>
          <CompartmentPicker compartments={options} defaultCompartmentId={installation.defaultCompartmentId} />
        </Suspense>
      }
    >
      {children}
    </AppShell>
  );
}
