import { Suspense, type ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { CompartmentPicker } from '@/components/shell/compartment-picker';
import { requirePagePrincipal } from '@/server/auth/require-principal';
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
  await requirePagePrincipal();
  const { provider, installation } = getAppContext();
  const compartments = await provider.listCompartments();
  const options = compartments.ok ? withDepth(compartments.data).map(({ id, name, depth }) => ({ id, name, depth })) : [];
  return (
    <AppShell
      nav={NAV}
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
