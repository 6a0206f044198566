import { cn } from './cn';

export interface SpinnerProps {
  /** Announced text; omit for a decorative spinner (e.g. inside a labelled button). */
  label?: string;
  size?: 'sm' | 'md' | 'lg';
  className?: string;
}

const sizes = { sm: 'size-3.5 border-2', md: 'size-5 border-2', lg: 'size-8 border-[3px]' } as const;

export function Spinner({ label, size = 'sm', className }: SpinnerProps) {
  const circle = (
    <span
      aria-hidden="true"
      className={cn(
        'inline-block shrink-0 animate-spin rounded-full border-current border-r-transparent motion-reduce:animate-[spin_1.5s_linear_infinite]',
        sizes[size],
        className,
      )}
    />
  );
  if (!label) return circle;
  return (
    <span role="status" className="inline-flex items-center gap-2 text-gray-600">
      {circle}
      <span className="sr-only">{label}</span>
    </span>
  );
}
