import { redirect } from 'next/navigation';
import { Suspense, type ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { CompartmentPicker } from '@/components/shell/compartment-picker';
import { ContextSwitch } from '@/components/shell/context-switch';
import { UserMenu } from '@/components/shell/user-menu';
import { requirePagePrincipal } from '@/server/auth/require-principal';
import { userHasPassword } from '@/db/queries/sign-in';
import { getAppContext } from '@/server/services/context';
import { principalIsOps } from '@/server/services/identity/access';
import { withDepth } from '@/server/services/list-view';

export const dynamic = 'force-dynamic';

const NAV = [
  { href: '/projects', label: 'Projects' },
  { href: '/models', label: 'Models' },
  { href: '/model-deployments', label: 'Model deployments' },
] as const;
/** The operations pages: shown to the ops role only (to others /admin is a 404). */
const OPS_NAV = [{ href: '/admin', label: 'Operations' }] as const;

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const principal = await requirePagePrincipal();
  const { provider, db, session, contexts } = getAppContext();
  // Signed in by a one-time link and no password chosen yet: that comes first.
  if (principal.via === 'session' && !userHasPassword(db, principal.userId)) redirect('/sign-in/new-password');
  const [compartments, ops, current] = await Promise.all([provider.listCompartments(), principalIsOps(getAppContext()), session()]);
  const options = compartments.ok ? withDepth(compartments.data).map(({ id, name, depth }) => ({ id, name, depth })) : [];
  // OCI profiles use the server's own keys: the switch is the ops role's, and only when there are profiles.
  const contextOptions = ops ? await contexts.options() : [];
  const switchable = contextOptions.length > 1;
  // The operations page is about this machine (host capacity, image builds): shown where the context has them.
  const opsNav = ops && current.capabilities.hostCapacity;
  return (
    <AppShell
      nav={opsNav ? [...NAV, ...OPS_NAV] : NAV}
      userMenu={<UserMenu userName={principal.userName} />}
      topBar={
        <>
          {switchable ? <ContextSwitch options={contextOptions.map(({ id, label, region, problem }) => ({ id, label, region, problem }))} currentId={current.id} /> : null}
          <Suspense>
            <CompartmentPicker key={current.id} compartments={options} defaultCompartmentId={current.defaultCompartmentId} />
          </Suspense>
        </>
      }
    >
      {children}
    </AppShell>
  );
}
