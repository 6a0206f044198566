'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { localRowErrors, newRowId, rowErrorKey, rowsToValue, tagsEqual, valueToRows, type TagRow, type TagsValue } from './tag-rows';

export type { TagsValue } from './tag-rows';

export interface TagNamespaceOption {
  name: string;
  keys: string[];
}

export interface TagEditorProps {
  value: TagsValue;
  onChange: (value: TagsValue) => void;
  namespaces: readonly TagNamespaceOption[];
  /** Keyed `freeformTags.<key>`, `definedTags.<ns>.<key>`, or `tags` for a general message. */
  errors?: Record<string, string>;
}

const FREEFORM = '';

export function TagEditor({ value, onChange, namespaces, errors = {} }: TagEditorProps) {
  const baseId = useId();
  const [rows, setRows] = useState(() => valueToRows(value));
  const [seenValue, setSeenValue] = useState(value);
  const [focusRowId, setFocusRowId] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  // A value that did not come from these rows (a form reset, say) replaces them.
  if (value !== seenValue) {
    setSeenValue(value);
    if (!tagsEqual(value, rowsToValue(rows))) setRows(valueToRows(value));
  }

  useEffect(() => {
    if (focusRowId) document.getElementById(`${baseId}-${focusRowId}-ns`)?.focus();
  }, [focusRowId, baseId]);

  function update(next: TagRow[]) {
    setRows(next);
    const emitted = rowsToValue(next);
    if (!tagsEqual(emitted, value)) onChange(emitted);
  }

  const patchRow = (id: string, patch: Partial<TagRow>) => update(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));

  function changeNamespace(row: TagRow, ns: string) {
    if (ns === FREEFORM) return patchRow(row.id, { kind: 'freeform', namespace: undefined });
    const keys = namespaces.find((n) => n.name === ns)?.keys ?? [];
    patchRow(row.id, { kind: 'defined', namespace: ns, key: keys.includes(row.key) ? row.key : '' });
  }

  function addRow() {
    const id = newRowId();
    update([...rows, { id, kind: 'freeform', key: '', value: '' }]);
    setFocusRowId(id);
  }

  function removeRow(id: string) {
    update(rows.filter((r) => r.id !== id));
    setFocusRowId(null);
    addButton.current?.focus();
  }

  const local = localRowErrors(rows);
  const matchedKeys = new Set(rows.map(rowErrorKey).filter((k): k is string => k !== null));
  const general = Object.entries(errors).filter(([k]) => k === 'tags' || !matchedKeys.has(k));

  return (
    <div className="flex flex-col gap-2">
      {rows.length > 0 ? (
        <div className="grid grid-cols-[1fr_1fr_1fr_auto] gap-x-2 gap-y-1.5">
          <div aria-hidden="true" className="contents text-xs font-medium text-gray-600">
            <span>Tag namespace</span>
            <span>Tag key</span>
            <span>Tag value</span>
            <span className="w-8" />
          </div>
          {rows.map((row, i) => {
            const n = i + 1;
            const errorKey = rowErrorKey(row);
            const message = (errorKey ? errors[errorKey] : undefined) ?? local.get(row.id);
            const errorId = `${baseId}-${row.id}-error`;
            const invalid = message ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {};
            const nsOptions = namespaces.map((ns) => ns.name);
            if (row.namespace && !nsOptions.includes(row.namespace)) nsOptions.push(row.namespace);
            const keyOptions = [...(namespaces.find((ns) => ns.name === row.namespace)?.keys ?? [])];
            if (row.kind === 'defined' && row.key && !keyOptions.includes(row.key)) keyOptions.push(row.key);
            return (
              <div key={row.id} className="contents">
                <Select
                  id={`${baseId}-${row.id}-ns`}
                  aria-label={`Tag namespace ${n}`}
                  value={row.kind === 'defined' ? (row.namespace ?? FREEFORM) : FREEFORM}
                  onChange={(e) => changeNamespace(row, e.target.value)}
                >
                  <option value={FREEFORM}>None (free-form tag)</option>
                  {nsOptions.map((ns) => (
                    <option key={ns} value={ns}>
                      {ns}
                    </option>
                  ))}
                </Select>
                {row.kind === 'defined' ? (
                  <Select
                    aria-label={`Tag key ${n}`}
                    value={row.key}
                    placeholder="Select a key"
                    options={keyOptions.map((k) => ({ value: k, label: k }))}
                    onChange={(e) => patchRow(row.id, { key: e.target.value })}
                    {...invalid}
                  />
                ) : (
                  <Input
                    aria-label={`Tag key ${n}`}
                    value={row.key}
                    autoComplete="off"
                    onChange={(e) => patchRow(row.id, { key: e.target.value })}
                    {...invalid}
                  />
                )}
                <Input
                  aria-label={`Tag value ${n}`}
                  value={row.value}
                  autoComplete="off"
                  onChange={(e) => patchRow(row.id, { value: e.target.value })}
                  {...(message ? { 'aria-describedby': errorId } : {})}
                />
                <Button variant="ghost" size="icon" aria-label={`Remove tag ${n}`} onClick={() => removeRow(row.id)}>
                  <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.75">
                    <path d="M4 4l8 8M12 4l-8 8" strokeLinecap="round" />
                  </svg>
                </Button>
                {message && (
                  <p id={errorId} className="col-span-4 -mt-0.5 text-xs font-medium text-red-700">
                    {message}
                  </p>
                )}
              </div>
            );
          })}
        </div>
      ) : (
        <p className="text-sm text-gray-500">No tags added.</p>
      )}
      {general.map(([k, m]) => (
        <p key={k} role="alert" className="text-xs font-medium text-red-700">
          {m}
        </p>
      ))}
      <div>
        <Button ref={addButton} size="sm" onClick={addRow}>
          <span aria-hidden="true">+</span> Add tag
        </Button>
      </div>
    </div>
  );
}
