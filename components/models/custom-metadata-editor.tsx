'use client';

import { RemoveRowButton } from '@/components/forms/remove-row-button';
import { useEditableRows } from '@/components/forms/use-editable-rows';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { CUSTOM_METADATA_CATEGORIES } from '@/server/validation/model';
import { newCustomRow, type CustomMetadataRow } from './model-form-values';

export interface CustomMetadataEditorProps {
  rows: CustomMetadataRow[];
  onChange: (rows: CustomMetadataRow[]) => void;
  /** Keyed `custom.<row id>.<field>`, plus `customMetadataList` for the list as a whole. */
  errors: Record<string, string>;
}

const FIELDS = ['key', 'value', 'category', 'description'] as const;

export function CustomMetadataEditor({ rows, onChange, errors }: CustomMetadataEditorProps) {
  const { baseId, addButton, firstFieldId, patch, add, remove } = useEditableRows(rows, onChange, newCustomRow);

  return (
    <div className="flex flex-col gap-2">
      {rows.length === 0 ? (
        <p className="text-sm text-gray-500">No custom metadata added.</p>
      ) : (
        <div className="grid grid-cols-[1fr_1fr_1fr_1fr_auto] gap-x-2 gap-y-1.5">
          <div aria-hidden="true" className="contents text-xs font-medium text-gray-600">
            <span>Key</span>
            <span>Value</span>
            <span>Category</span>
            <span>Description</span>
            <span className="w-8" />
          </div>
          {rows.map((row, i) => {
            const n = i + 1;
            const messages = FIELDS.map((f) => errors[`custom.${row.id}.${f}`]).filter((m): m is string => Boolean(m));
            const errorId = `${baseId}-${row.id}-error`;
            const invalid = (f: (typeof FIELDS)[number]) =>
              errors[`custom.${row.id}.${f}`] ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {};
            return (
              <div key={row.id} className="contents">
                <Input
                  id={firstFieldId(row.id)}
                  aria-label={`Custom metadata key ${n}`}
                  value={row.key}
                  autoComplete="off"
                  onChange={(e) => patch(row.id, { key: e.target.value })}
                  {...invalid('key')}
                />
                <Input aria-label={`Custom metadata value ${n}`} value={row.value} autoComplete="off" onChange={(e) => patch(row.id, { value: e.target.value })} {...invalid('value')} />
                <Select
                  aria-label={`Custom metadata category ${n}`}
                  value={row.category}
                  options={CUSTOM_METADATA_CATEGORIES.map((c) => ({ value: c, label: c }))}
                  onChange={(e) => patch(row.id, { category: e.target.value })}
                  {...invalid('category')}
                />
                <Input
                  aria-label={`Custom metadata description ${n}`}
                  value={row.description}
                  autoComplete="off"
                  onChange={(e) => patch(row.id, { description: e.target.value })}
                  {...invalid('description')}
                />
                <RemoveRowButton label={`Remove custom metadata ${n}`} onClick={() => remove(row.id)} />
                {messages.length > 0 && (
                  <p id={errorId} className="col-span-5 -mt-0.5 text-xs font-medium text-red-700">
                    {messages.join(' ')}
                  </p>
                )}
              </div>
            );
          })}
        </div>
      )}
      {errors.customMetadataList && (
        <p role="alert" className="text-xs font-medium text-red-700">
          {errors.customMetadataList}
        </p>
      )}
      <div>
        <Button ref={addButton} size="sm" onClick={add}>
          <span aria-hidden="true">+</span> Add custom metadata
        </Button>
      </div>
    </div>
  );
}
