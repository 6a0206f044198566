'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { newEnvVarRow, type EnvVarRow } from './form-model';

export interface EnvVarEditorProps {
  rows: EnvVarRow[];
  onChange: (rows: EnvVarRow[]) => void;
  /** Keyed `envVars.<NAME>` for a variable, `envVars` for the list. */
  errors: Record<string, string>;
}

/** Name/value rows; each control is labelled with its row number, errors sit under their row. */
export function EnvVarEditor({ rows, onChange, errors }: EnvVarEditorProps) {
  const baseId = useId();
  const addButton = useRef<HTMLButtonElement>(null);
  const [focusRow, setFocusRow] = useState<string | null>(null);

  useEffect(() => {
    if (focusRow) document.getElementById(`${baseId}-${focusRow}-key`)?.focus();
  }, [focusRow, baseId]);

  const patch = (id: string, p: Partial<EnvVarRow>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...p } : r)));
  const add = () => {
    const row = newEnvVarRow();
    onChange([...rows, row]);
    setFocusRow(row.id);
  };
  const remove = (id: string) => {
    onChange(rows.filter((r) => r.id !== id));
    setFocusRow(null);
    addButton.current?.focus();
  };

  return (
    <div className="flex flex-col gap-2" role="group" aria-label="Environment variables">
      {rows.length === 0 ? (
        <p className="text-sm text-gray-500">No environment variables.</p>
      ) : (
        <div className="grid grid-cols-[1fr_1.5fr_auto] gap-x-2 gap-y-1.5">
          <div aria-hidden="true" className="contents text-xs font-medium text-gray-600">
            <span>Name</span>
            <span>Value</span>
            <span className="w-8" />
          </div>
          {rows.map((row, i) => {
            const n = i + 1;
            const message = errors[`envVars.${row.key.trim()}`];
            const errorId = `${baseId}-${row.id}-error`;
            const described = message ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {};
            return (
              <div key={row.id} className="contents">
                <Input
                  id={`${baseId}-${row.id}-key`}
                  name="envVars"
                  aria-label={`Variable name ${n}`}
                  value={row.key}
                  autoComplete="off"
                  spellCheck={false}
                  className="w-full font-mono"
                  onChange={(e) => patch(row.id, { key: e.target.value })}
                  {...described}
                />
                <Input
                  name="envVars"
                  aria-label={`Variable value ${n}`}
                  value={row.value}
                  autoComplete="off"
                  spellCheck={false}
                  className="w-full font-mono"
                  onChange={(e) => patch(row.id, { value: e.target.value })}
                />
                <Button variant="ghost" size="icon" aria-label={`Remove variable ${n}`} onClick={() => remove(row.id)}>
                  <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.75">
                    <path d="M4 4l8 8M12 4l-8 8" strokeLinecap="round" />
                  </svg>
                </Button>
                {message && (
                  <p id={errorId} className="col-span-3 -mt-0.5 text-xs font-medium text-red-700">
                    {message}
                  </p>
                )}
              </div>
            );
          })}
        </div>
      )}
      {Object.entries(errors)
        .filter(([k]) => k === 'envVars' || (k.startsWith('envVars.') && !rows.some((r) => `envVars.${r.key.trim()}` === k)))
        .map(([k, m]) => (
          <p key={k} className="text-xs font-medium text-red-700">
            {m}
          </p>
        ))}
      <div>
        <Button ref={addButton} size="sm" onClick={add}>
          <span aria-hidden="true">+</span> Add variable
        </Button>
      </div>
    </div>
  );
}
