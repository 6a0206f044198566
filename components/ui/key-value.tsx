import type { ReactNode } from 'react';
import { cn } from './cn';

export interface KeyValueItem {
  label: string;
  /** null/undefined/'' render as an em dash. */
  value: ReactNode;
}

export interface KeyValueProps {
  items: readonly KeyValueItem[];
  columns?: 1 | 2;
  className?: string;
}

export function KeyValue({ items, columns = 2, className }: KeyValueProps) {
  return (
    <dl className={cn('grid gap-x-8 gap-y-2.5', columns === 2 && 'md:grid-cols-2', className)}>
      {items.map((item) => (
        <div key={item.label} className="grid grid-cols-[minmax(8rem,12rem)_1fr] gap-3">
          <dt className="text-sm text-gray-500">{item.label}</dt>
          <dd className="min-w-0 text-sm break-words text-gray-900">
            {item.value === null || item.value === undefined || item.value === '' ? (
              <span className="text-gray-400">—</span>
            ) : (
              item.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
