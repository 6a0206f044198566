// The button look, importable from server components (button.tsx's Button is a client one).
import { cn } from './cn';

/** `link` looks like inline link text (sizes do not apply), e.g. OCI's Show/Copy actions. */
export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost' | 'link';
export type ButtonSize = 'sm' | 'md' | 'icon';

const base =
  'focus-ring inline-flex select-none items-center justify-center gap-1.5 whitespace-nowrap rounded-md font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-55 aria-disabled:cursor-not-allowed aria-disabled:opacity-55';

const variants: Record<ButtonVariant, string> = {
  primary: 'bg-accent-600 text-white shadow-xs hover:bg-accent-700 active:bg-accent-800 disabled:hover:bg-accent-600',
  secondary:
    'border border-gray-300 bg-white text-gray-800 shadow-xs hover:bg-gray-50 active:bg-gray-100 disabled:hover:bg-white',
  danger: 'bg-red-600 text-white shadow-xs hover:bg-red-700 active:bg-red-800 disabled:hover:bg-red-600',
  ghost: 'text-gray-700 hover:bg-gray-100 active:bg-gray-200 disabled:hover:bg-transparent',
  link: 'rounded-sm text-xs text-accent-700 hover:underline disabled:hover:no-underline',
};

const sizes: Record<ButtonSize, string> = {
  sm: 'h-7 px-2.5 text-xs',
  md: 'h-8 px-3 text-sm',
  icon: 'size-8 text-sm',
};

/** Button look for non-button elements, e.g. a next/link that navigates to a create page. */
export function buttonClasses({
  variant = 'secondary',
  size = 'md',
  className,
}: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}): string {
  return cn(base, variants[variant], variant !== 'link' && sizes[size], className);
}

