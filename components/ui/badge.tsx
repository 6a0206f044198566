import type { ReactNode } from 'react';
import { cn } from './cn';

export type BadgeTone = 'neutral' | 'success' | 'warning' | 'danger' | 'info';

const tones: Record<BadgeTone, { badge: string; dot: string }> = {
  neutral: { badge: 'bg-gray-100 text-gray-700 ring-gray-300', dot: 'bg-gray-500' },
  success: { badge: 'bg-green-50 text-green-800 ring-green-600/30', dot: 'bg-green-600' },
  warning: { badge: 'bg-amber-50 text-amber-800 ring-amber-600/30', dot: 'bg-amber-500' },
  danger: { badge: 'bg-red-50 text-red-800 ring-red-600/30', dot: 'bg-red-600' },
  info: { badge: 'bg-accent-50 text-accent-800 ring-accent-600/30', dot: 'bg-accent-600' },
};

export interface BadgeProps {
  tone?: BadgeTone;
  /** A leading coloured dot; `pulse` animates it (for transitional states). */
  dot?: boolean | 'pulse';
  className?: string;
  children: ReactNode;
}

export function Badge({ tone = 'neutral', dot = false, className, children }: BadgeProps) {
  const t = tones[tone];
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
        t.badge,
        className,
      )}
    >
      {dot && (
        <span aria-hidden="true" className="relative inline-flex size-1.5">
          {dot === 'pulse' && (
            <span className={cn('absolute inline-flex size-full rounded-full opacity-75 motion-safe:animate-ping', t.dot)} />
          )}
          <span className={cn('relative inline-flex size-1.5 rounded-full', t.dot)} />
        </span>
      )}
      {children}
    </span>
  );
}
