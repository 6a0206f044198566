import type { FormValues } from './form-model';

export interface SectionProps {
  values: FormValues;
  set: (patch: Partial<FormValues>) => void;
  /** Errors to show now, keyed by form field. */
  errors: Record<string, string>;
}
