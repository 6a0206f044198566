import type { ComponentProps } from 'react';
import { Select } from '@/components/ui/select';

export interface CompartmentOption {
  id: string;
  name: string;
  /** 0 for the root compartment. */
  depth: number;
}

/** A select of compartments in tree order, indented by depth. */
export function CompartmentSelect({ compartments, ...props }: ComponentProps<typeof Select> & { compartments: readonly CompartmentOption[] }) {
  return (
    <Select {...props}>
      {compartments.map((c) => (
        <option key={c.id} value={c.id}>
          {'\u00a0\u00a0'.repeat(c.depth)}
          {c.name}
        </option>
      ))}
    </Select>
  );
}
