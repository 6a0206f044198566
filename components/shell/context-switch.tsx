'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';
import { switchContextAction } from '@/server/actions/context/switch-context';

export interface ContextSwitchOption {
  id: string;
  label: string;
  region: string;
  /** Why the profile cannot be used; shown on the switch itself and the entry disabled. */
  problem: string | null;
}

/** The header's switch between Local and the OCI profiles, for this browser session. */
export function ContextSwitch({ options, currentId }: { options: ContextSwitchOption[]; currentId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const current = options.find((o) => o.id === currentId) ?? options[0];
  const choose = (id: string) =>
    startTransition(async () => {
      const r = await switchContextAction({ contextId: id });
      if (!r.ok) setError(r.error);
      else {
        setError(null);
        // The address's compartment belongs to the context left behind.
        router.push('/projects');
        router.refresh();
      }
    });
  return (
    <div className="flex items-center gap-2">
      <DropdownMenu>
        <DropdownMenuTrigger className={buttonClasses({ variant: 'secondary' })} aria-label={`Context: ${current?.label ?? 'Local'}`} disabled={pending}>
          <span className="text-xs text-gray-500">Context</span>
          <span>{current?.label ?? 'Local'}</span>
          {current && current.id !== 'local' ? <span className="text-xs text-gray-500">{current.region}</span> : null}
        </DropdownMenuTrigger>
        <DropdownMenuContent>
          <DropdownMenuLabel>Work in</DropdownMenuLabel>
          <DropdownMenuSeparator />
          {options.map((o) => (
            <DropdownMenuItem key={o.id} disabled={o.problem !== null || pending} onSelect={() => choose(o.id)} aria-label={o.problem ? `${o.label}: ${o.problem}` : o.label}>
              <span className="flex flex-col">
                <span className="font-medium">
                  {o.label}
                  {o.id !== 'local' ? <span className="ml-2 text-xs text-gray-500">OCI · {o.region}</span> : null}
                  {o.id === currentId ? <span className="ml-2 text-xs text-accent-600">current</span> : null}
                </span>
                {o.problem ? <span className="max-w-80 text-xs text-red-700">{o.problem}</span> : null}
              </span>
            </DropdownMenuItem>
          ))}
        </DropdownMenuContent>
      </DropdownMenu>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </div>
  );
}
