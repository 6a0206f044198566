'use client';

import Link from 'next/link';
import { useTransition } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';
import { signOutAction } from '@/server/actions/auth/sign-out';

/** The header's menu of the signed-in user: who, their Account page, Sign out. */
export function UserMenu({ userName }: { userName: string }) {
  const [pending, startTransition] = useTransition();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger className={buttonClasses({ variant: 'ghost' })} aria-label={`User menu: ${userName}`}>
        <span aria-hidden="true" className="inline-flex size-6 items-center justify-center rounded-full bg-gray-200 text-xs font-semibold text-gray-700 uppercase">
          {userName.slice(0, 1)}
        </span>
        <span>{userName}</span>
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuLabel>Signed in as {userName}</DropdownMenuLabel>
        <DropdownMenuItem asChild>
          <Link href="/account">Account</Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem disabled={pending} onSelect={() => startTransition(() => signOutAction())}>
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
