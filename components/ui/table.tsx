import type { ComponentProps, ReactNode } from 'react';
import { cn } from './cn';

export type SortDirection = 'asc' | 'desc';

export interface TableProps extends ComponentProps<'table'> {
  /** Accessible name when there is no <caption>, e.g. "Model deployments". */
  label?: string;
}

export function Table({ className, label, ...props }: TableProps) {
  return (
    // relative: an absolutely placed descendant (an sr-only header) scrolls with the table instead
    // of widening the whole page.
    <div className="relative overflow-x-auto rounded-lg border border-gray-200 bg-white">
      <table aria-label={label} className={cn('w-full border-collapse text-left text-sm', className)} {...props} />
    </div>
  );
}

export function THead({ className, ...props }: ComponentProps<'thead'>) {
  return <thead className={cn('border-b border-gray-200 bg-gray-50', className)} {...props} />;
}

export function TBody({ className, ...props }: ComponentProps<'tbody'>) {
  return <tbody className={cn('divide-y divide-gray-100', className)} {...props} />;
}

export function TR({ className, ...props }: ComponentProps<'tr'>) {
  return <tr className={cn('hover:bg-gray-50/70', className)} {...props} />;
}

interface THBaseProps extends Omit<ComponentProps<'th'>, 'children'> {
  children: ReactNode;
}

interface SortableTHProps extends THBaseProps {
  /** Current direction of this column, or null when the table is sorted by another column. */
  sort: SortDirection | null;
  onSort: () => void;
}

export type THProps = THBaseProps | SortableTHProps;

const thClasses = 'h-8 px-3 text-xs font-semibold whitespace-nowrap text-gray-600';

/** A column header; pass `sort` and `onSort` to render a sort button that shows the direction. */
export function TH(props: THProps) {
  if ('onSort' in props) {
    const { sort, onSort, className, children, ...rest } = props;
    const ariaSort = sort === 'asc' ? 'ascending' : sort === 'desc' ? 'descending' : 'none';
    return (
      <th scope="col" aria-sort={ariaSort} className={cn(thClasses, className)} {...rest}>
        <button
          type="button"
          onClick={onSort}
          className="focus-ring -mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 hover:text-gray-900"
        >
          {children}
          <SortArrow sort={sort} />
        </button>
      </th>
    );
  }
  const { className, children, ...rest } = props;
  return (
    <th scope="col" className={cn(thClasses, className)} {...rest}>
      {children}
    </th>
  );
}

function SortArrow({ sort }: { sort: SortDirection | null }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 12 12" className={cn('size-3', sort ? 'text-accent-700' : 'text-gray-400')}>
      {sort !== 'desc' && <path d="M6 2.5 9 6H3z" fill="currentColor" opacity={sort === 'asc' ? 1 : 0.6} />}
      {sort !== 'asc' && <path d="M6 9.5 3 6h6z" fill="currentColor" opacity={sort === 'desc' ? 1 : 0.6} />}
    </svg>
  );
}

export function TD({ className, ...props }: ComponentProps<'td'>) {
  return <td className={cn('h-9 px-3 py-1.5 align-middle text-gray-800', className)} {...props} />;
}
