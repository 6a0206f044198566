'use client';

import * as RadixTabs from '@radix-ui/react-tabs';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ComponentProps, ReactNode } from 'react';
import { cn } from './cn';

const listClasses = 'flex gap-1 overflow-x-auto border-b border-gray-200';
const tabClasses =
  'focus-ring -mb-px inline-flex items-center whitespace-nowrap rounded-t border-b-2 border-transparent px-3 py-2 text-sm font-medium text-gray-600 no-underline hover:border-gray-300 hover:text-gray-900';
// As aria-current variants: plain utilities would lose to tabClasses' border-transparent and
// text-gray-600, which Tailwind emits later.
const activeClasses =
  'aria-[current=page]:border-accent-600 aria-[current=page]:text-accent-700 aria-[current=page]:hover:border-accent-600 aria-[current=page]:hover:text-accent-700';

export const Tabs = RadixTabs.Root;

export function TabsList({ className, ...props }: ComponentProps<typeof RadixTabs.List>) {
  return <RadixTabs.List className={cn(listClasses, className)} {...props} />;
}

export function TabsTrigger({ className, ...props }: ComponentProps<typeof RadixTabs.Trigger>) {
  return (
    <RadixTabs.Trigger
      className={cn(tabClasses, 'data-[state=active]:border-accent-600 data-[state=active]:text-accent-700', className)}
      {...props}
    />
  );
}

export function TabsContent({ className, ...props }: ComponentProps<typeof RadixTabs.Content>) {
  return <RadixTabs.Content className={cn('pt-4 focus:outline-none', className)} {...props} />;
}

export interface LinkTab {
  href: string;
  label: ReactNode;
  /** Defaults to "the current pathname equals the href's pathname". */
  active?: boolean;
}

export interface LinkTabsProps {
  tabs: readonly LinkTab[];
  /** Accessible name of the navigation landmark, e.g. "Deployment sections". */
  label: string;
  className?: string;
}

/**
 * URL-driven tabs: each tab is a link, so they are announced as links in a navigation landmark
 * with aria-current="page" on the active one (ARIA tab roles are for in-page panels).
 */
export function LinkTabs({ tabs, label, className }: LinkTabsProps) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className={cn(listClasses, className)}>
      {tabs.map((tab) => {
        const active = tab.active ?? tab.href.split('?')[0] === pathname;
        return (
          <Link
            key={tab.href}
            href={tab.href}
            scroll={false}
            aria-current={active ? 'page' : undefined}
            className={cn(tabClasses, active && activeClasses)}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
