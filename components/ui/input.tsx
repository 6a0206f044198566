import type { ComponentProps } from 'react';
import { cn } from './cn';

/** Shared look of text-like controls; aria-invalid (set by Field) turns the border red. */
export const controlClasses =
  'block rounded-md border border-gray-300 bg-white px-2.5 text-sm text-gray-900 shadow-xs placeholder:text-gray-400 focus-visible:border-accent-600 focus-visible:outline-2 focus-visible:-outline-offset-1 focus-visible:outline-accent-600 disabled:cursor-not-allowed disabled:bg-gray-100 disabled:text-gray-500 aria-[invalid=true]:border-red-600 aria-[invalid=true]:focus-visible:outline-red-600';

/** Controls fill their container unless the caller sets a width (there is no class merging here). */
export function withDefaultWidth(className: string | undefined): string {
  return /(^|\s)(w-|size-)/.test(className ?? '') ? (className ?? '') : cn('w-full', className);
}

export function Input({ className, type = 'text', ...props }: ComponentProps<'input'>) {
  return <input type={type} className={cn(controlClasses, 'h-8', withDefaultWidth(className))} {...props} />;
}
