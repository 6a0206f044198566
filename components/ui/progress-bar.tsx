import { cn } from './cn';

export interface ProgressBarProps {
  /** Accessible name, e.g. "Work request progress". */
  label: string;
  /** Omit for an indeterminate bar. */
  value?: number;
  min?: number;
  max?: number;
  /** Show the percentage next to the bar. */
  showValue?: boolean;
  tone?: 'accent' | 'success' | 'danger';
  className?: string;
}

const fills = { accent: 'bg-accent-600', success: 'bg-green-600', danger: 'bg-red-600' } as const;

export function ProgressBar({ label, value, min = 0, max = 100, showValue = false, tone = 'accent', className }: ProgressBarProps) {
  const clamped = value === undefined ? undefined : Math.min(max, Math.max(min, value));
  const percent = clamped === undefined || max === min ? 0 : Math.round(((clamped - min) / (max - min)) * 100);
  return (
    <div className={cn('flex items-center gap-2', className)}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={min}
        aria-valuemax={max}
        aria-valuenow={clamped}
        aria-valuetext={clamped === undefined ? undefined : `${percent}%`}
        className="relative h-1.5 min-w-16 flex-1 overflow-hidden rounded-full bg-gray-200"
      >
        <div
          className={cn('h-full rounded-full transition-[width] duration-300', fills[tone], clamped === undefined && 'w-1/3 motion-safe:animate-pulse')}
          style={clamped === undefined ? undefined : { width: `${percent}%` }}
        />
      </div>
      {showValue && clamped !== undefined && <span className="w-9 text-right text-xs text-gray-600 tabular-nums">{percent}%</span>}
    </div>
  );
}
