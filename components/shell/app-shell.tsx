import Link from 'next/link';
import type { ReactNode } from 'react';
import { SidebarNav, type NavItem } from './sidebar-nav';

export type { NavItem } from './sidebar-nav';

export interface AppShellProps {
  nav: readonly NavItem[];
  /** Top bar content, e.g. <CompartmentPicker />. */
  topBar?: ReactNode;
  /** The signed-in user's menu, at the right of the top bar. */
  userMenu?: ReactNode;
  children: ReactNode;
}

export function AppShell({ nav, topBar, userMenu, children }: AppShellProps) {
  return (
    <div className="flex min-h-screen">
      <a
        href="#main-content"
        className="focus-ring sr-only z-50 rounded-md bg-white px-3 py-2 text-sm shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to main content
      </a>
      <aside className="sticky top-0 flex h-screen w-56 shrink-0 flex-col border-r border-gray-200 bg-white">
        <div className="flex h-12 items-center border-b border-gray-200 px-4">
          <Link href="/" className="focus-ring flex items-center gap-2 rounded-sm text-gray-900 no-underline">
            <span aria-hidden="true" className="inline-flex size-6 items-center justify-center rounded bg-accent-600 text-xs font-bold text-white">
              B
            </span>
            <span className="text-base font-semibold tracking-tight">Berth</span>
          </Link>
        </div>
        <div className="flex-1 overflow-y-auto p-2">
          <SidebarNav items={nav} />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-12 items-center gap-4 border-b border-gray-200 bg-white px-6">
          {topBar}
          {userMenu ? <div className="ml-auto">{userMenu}</div> : null}
        </header>
        <main id="main-content" tabIndex={-1} className="flex-1 px-6 py-5 focus:outline-none">
          {children}
        </main>
      </div>
    </div>
  );
}
