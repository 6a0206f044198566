'use client';

import { useEffect, useId, useRef, useState } from 'react';

/**
 * Add/patch/remove for a list of editable rows. Focus follows the edit: a new row's first field
 * (rendered with `firstFieldId(row.id)`), or the add button once a row is removed.
 */
export function useEditableRows<R extends { id: string }>(rows: R[], onChange: (rows: R[]) => void, newRow: () => R) {
  const baseId = useId();
  const addButton = useRef<HTMLButtonElement>(null);
  const [focusRow, setFocusRow] = useState<string | null>(null);
  const firstFieldId = (rowId: string) => `${baseId}-${rowId}-key`;

  useEffect(() => {
    if (focusRow) document.getElementById(`${baseId}-${focusRow}-key`)?.focus();
  }, [focusRow, baseId]);

  return {
    baseId,
    addButton,
    firstFieldId,
    patch: (id: string, p: Partial<R>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...p } : r))),
    add: () => {
      const row = newRow();
      onChange([...rows, row]);
      setFocusRow(row.id);
    },
    remove: (id: string) => {
      onChange(rows.filter((r) => r.id !== id));
      setFocusRow(null);
      addButton.current?.focus();
    },
  };
}
