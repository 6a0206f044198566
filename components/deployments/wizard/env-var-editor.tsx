'use client';

import { RemoveRowButton } from '@/components/forms/remove-row-button';
import { useEditableRows } from '@/components/forms/use-editable-rows';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { isSecretName } from '@/server/domain/secrets';
import { newEnvVarRow, type EnvVarRow } from './form-model';

export interface EnvVarEditorProps {
  rows: EnvVarRow[];
  onChange: (rows: EnvVarRow[]) => void;
  /** Keyed `envVars.<NAME>` for a variable, `envVars` for the list. */
  errors: Record<string, string>;
}

/** Name/value rows; each control is labelled with its row number, errors sit under their row. */
export function EnvVarEditor({ rows, onChange, errors }: EnvVarEditorProps) {
  const { baseId, addButton, firstFieldId, patch, add, remove } = useEditableRows(rows, onChange, newEnvVarRow);

  return (
    <div className="flex flex-col gap-2" role="group" aria-label="Environment variables">
      {rows.length === 0 ? (
        <p className="text-sm text-gray-500">No environment variables.</p>
      ) : (
        <div className="grid grid-cols-[1fr_1.5fr_auto_auto] items-center gap-x-2 gap-y-1.5">
          <div aria-hidden="true" className="contents text-xs font-medium text-gray-600">
            <span>Name</span>
            <span>Value</span>
            <span>Secret</span>
            <span className="w-8" />
          </div>
          {rows.map((row, i) => {
            const n = i + 1;
            const message = errors[`envVars.${row.key.trim()}`];
            const errorId = `${baseId}-${row.id}-error`;
            const described = message ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {};
            const byName = isSecretName(row.key.trim());
            const secret = byName || Boolean(row.secret);
            return (
              <div key={row.id} className="contents">
                <Input
                  id={firstFieldId(row.id)}
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
                  type={secret ? 'password' : 'text'}
                  value={row.value}
                  autoComplete={secret ? 'new-password' : 'off'}
                  spellCheck={false}
                  className="w-full font-mono"
                  onChange={(e) => patch(row.id, { value: e.target.value })}
                />
                <input
                  type="checkbox"
                  aria-label={`Variable ${n} is secret`}
                  title={byName ? 'Secret by its name: shown as •••• and kept apart' : 'Show as •••• and keep the value apart'}
                  checked={secret}
                  disabled={byName}
                  className="size-4 justify-self-center"
                  onChange={(e) => patch(row.id, { secret: e.target.checked })}
                />
                <RemoveRowButton label={`Remove variable ${n}`} onClick={() => remove(row.id)} />
                {message && (
                  <p id={errorId} className="col-span-4 -mt-0.5 text-xs font-medium text-red-700">
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
