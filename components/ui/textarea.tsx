import type { ComponentProps } from 'react';
import { cn } from './cn';
import { controlClasses, withDefaultWidth } from './input';

export function Textarea({ className, rows = 3, ...props }: ComponentProps<'textarea'>) {
  return <textarea rows={rows} className={cn(controlClasses, 'min-h-16 py-1.5', withDefaultWidth(className))} {...props} />;
}
