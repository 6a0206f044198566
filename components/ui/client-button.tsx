'use client';

import type { ComponentProps } from 'react';
import { useHydrated } from '@/components/forms/use-hydrated';
import { buttonClasses, type ButtonSize, type ButtonVariant } from './button-classes';
import { Spinner } from './spinner';

export interface ButtonProps extends ComponentProps<'button'> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shows a spinner, disables the button and sets aria-busy. */
  loading?: boolean;
}

/**
 * Defaults to type="button"; pass type="submit" in forms. A button with a click handler, or one that
 * submits a form, is disabled until React has hydrated: before that a click would do nothing and
 * leave no trace, or submit the form natively (a GET with the fields in the address).
 */
export function Button({
  variant = 'secondary',
  size = 'md',
  loading = false,
  disabled,
  type = 'button',
  className,
  children,
  ...props
}: ButtonProps) {
  const hydrated = useHydrated();
  return (
    <button
      type={type}
      disabled={disabled || loading || ((props.onClick !== undefined || type === 'submit') && !hydrated)}
      aria-busy={loading || undefined}
      className={buttonClasses({ variant, size, className })}
      {...props}
    >
      {loading && <Spinner size="sm" />}
      {children}
    </button>
  );
}
