import type { ComponentProps } from 'react';
import { cn } from './cn';
import { controlClasses, withDefaultWidth } from './input';

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectProps extends ComponentProps<'select'> {
  /** Rendered before children; alternatively pass <option> elements as children. */
  options?: readonly SelectOption[];
  /** An empty-valued first option, e.g. "Select a key". */
  placeholder?: string;
}

// Inline because Tailwind's class scanner does not pick up a quoted data URL in an arbitrary value.
const chevron = `url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 20 20' fill='%236b7280'%3E%3Cpath d='M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4z'/%3E%3C/svg%3E")`;

export function Select({ className, options, placeholder, children, style, ...props }: SelectProps) {
  return (
    <select
      className={cn(controlClasses, 'h-8 appearance-none bg-size-[1rem] bg-position-[right_0.5rem_center] bg-no-repeat pr-8', withDefaultWidth(className))}
      style={{ backgroundImage: chevron, ...style }}
      {...props}
    >
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {options?.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
      {children}
    </select>
  );
}
