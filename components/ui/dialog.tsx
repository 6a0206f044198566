'use client';

import * as RadixDialog from '@radix-ui/react-dialog';
import type { ComponentProps, ReactNode } from 'react';
import { cn } from './cn';

export const Dialog = RadixDialog.Root;
export const DialogTrigger = RadixDialog.Trigger;
export const DialogClose = RadixDialog.Close;

const widths = { sm: 'max-w-sm', md: 'max-w-lg', lg: 'max-w-2xl' } as const;

export interface DialogContentProps extends Omit<ComponentProps<typeof RadixDialog.Content>, 'title'> {
  title: ReactNode;
  description?: ReactNode;
  size?: keyof typeof widths;
}

export function DialogContent({ title, description, size = 'md', className, children, ...props }: DialogContentProps) {
  return (
    <RadixDialog.Portal>
      <RadixDialog.Overlay className="fixed inset-0 z-40 bg-gray-900/40 data-[state=open]:animate-fade-in" />
      <RadixDialog.Content
        // Without a description Radix would warn and point aria-describedby at nothing.
        {...(description === undefined ? { 'aria-describedby': undefined } : {})}
        className={cn(
          'fixed top-1/2 left-1/2 z-50 flex max-h-[85vh] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 flex-col rounded-lg border border-gray-200 bg-white shadow-xl focus:outline-none data-[state=open]:animate-pop-in',
          widths[size],
          className,
        )}
        {...props}
      >
        <div className="border-b border-gray-200 py-3.5 pr-12 pl-5">
          <RadixDialog.Title className="text-base font-semibold text-gray-900">{title}</RadixDialog.Title>
          {description !== undefined && (
            <RadixDialog.Description className="mt-0.5 text-sm text-gray-600">{description}</RadixDialog.Description>
          )}
        </div>
        <div className="overflow-y-auto px-5 py-4">{children}</div>
        {/* Last in DOM order so Radix's initial focus lands on the first control of the body. */}
        <RadixDialog.Close
          aria-label="Close"
          className="focus-ring absolute top-3 right-3 inline-flex size-7 items-center justify-center rounded-md text-gray-500 hover:bg-gray-100 hover:text-gray-800"
        >
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.75">
            <path d="M4 4l8 8M12 4l-8 8" strokeLinecap="round" />
          </svg>
        </RadixDialog.Close>
      </RadixDialog.Content>
    </RadixDialog.Portal>
  );
}

/** Action row at the bottom of a dialog body; put the primary action last. */
export function DialogFooter({ className, ...props }: ComponentProps<'div'>) {
  return <div className={cn('-mx-5 -mb-4 mt-4 flex justify-end gap-2 border-t border-gray-200 bg-gray-50 px-5 py-3', className)} {...props} />;
}
