import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';
import { cn } from './cn';

export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  'aria-required'?: true;
}

export interface FieldProps {
  label: ReactNode;
  /** A single control element (it receives id/aria props) or a render function for composite controls. */
  children: ReactElement<Partial<FieldControlProps>> | ((control: FieldControlProps) => ReactNode);
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  /** Use a known id for the control instead of a generated one. */
  id?: string;
  className?: string;
}

export function Field({ label, children, hint, error, required, id, className }: FieldProps) {
  const generated = useId();
  const controlId = id ?? `${generated}-control`;
  const hintId = `${generated}-hint`;
  const errorId = `${generated}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const control: FieldControlProps = {
    id: controlId,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
    'aria-required': required ? true : undefined,
  };

  let rendered: ReactNode;
  if (typeof children === 'function') {
    rendered = children(control);
  } else if (isValidElement(children)) {
    const own = children.props['aria-describedby'];
    rendered = cloneElement(children, {
      ...control,
      'aria-describedby': [describedBy, own].filter(Boolean).join(' ') || undefined,
    });
  }

  return (
    <div className={cn('flex flex-col gap-1', className)}>
      {/* The asterisk stays outside the label so the accessible name is exactly `label`. */}
      <div className="flex items-baseline gap-0.5">
        <label htmlFor={controlId} className="text-sm font-medium text-gray-800">
          {label}
        </label>
        {required && (
          <span className="text-red-600" aria-hidden="true">
            *
          </span>
        )}
      </div>
      {rendered}
      {hint && (
        <p id={hintId} className="text-xs text-gray-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
