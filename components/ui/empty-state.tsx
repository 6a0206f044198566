import type { ReactNode } from 'react';
import { cn } from './cn';

export interface EmptyStateProps {
  title: string;
  description?: ReactNode;
  /** E.g. a "Create project" button. */
  action?: ReactNode;
  className?: string;
}

export function EmptyState({ title, description, action, className }: EmptyStateProps) {
  return (
    <div
      className={cn(
        'flex flex-col items-center justify-center gap-2 rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center',
        className,
      )}
    >
      <p className="text-sm font-semibold text-gray-900">{title}</p>
      {description && <div className="max-w-md text-sm text-gray-600">{description}</div>}
      {action && <div className="mt-2">{action}</div>}
    </div>
  );
}
