'use client';

import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import type { TagNamespaceOption } from './tag-editor';
import { sameTagFilter, type TagFilter } from '@/server/domain/tag-filter-codec';

export type { TagFilter } from '@/server/domain/tag-filter-codec';

export interface TagFilterProps {
  filters: readonly TagFilter[];
  onChange: (filters: TagFilter[]) => void;
  /** Offered in the namespace select; keys become suggestions for the key field. */
  namespaces?: readonly TagNamespaceOption[];
}

export function tagFilterLabel(f: TagFilter): string {
  const name = f.namespace ? `${f.namespace}.${f.key}` : f.key;
  return f.value ? `${name} = ${f.value}` : `${name} (any value)`;
}

const linkButton = 'focus-ring rounded-sm text-sm font-medium text-accent-700 hover:underline disabled:cursor-default disabled:text-gray-400 disabled:no-underline';

export function TagFilterControl({ filters, onChange, namespaces = [] }: TagFilterProps) {
  const [open, setOpen] = useState(false);

  return (
    <div role="group" aria-label="Tag filters" className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
      <span className="text-gray-600">Tag filters</span>
      {filters.length > 0 && (
        <ul className="flex flex-wrap items-center gap-1.5">
          {filters.map((f, i) => {
            const label = tagFilterLabel(f);
            return (
              <li
                key={`${label}-${i}`}
                className="inline-flex items-center gap-1 rounded-full border border-accent-200 bg-accent-50 py-0.5 pr-0.5 pl-2 text-xs text-accent-900"
              >
                {label}
                <button
                  type="button"
                  aria-label={`Remove tag filter ${label}`}
                  onClick={() => onChange(filters.filter((_, j) => j !== i))}
                  className="focus-ring inline-flex size-4 items-center justify-center rounded-full hover:bg-accent-100"
                >
                  <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3" fill="none" stroke="currentColor" strokeWidth="2">
                    <path d="M4 4l8 8M12 4l-8 8" strokeLinecap="round" />
                  </svg>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <Dialog open={open} onOpenChange={setOpen}>
        <button type="button" aria-label="Add tag filter" onClick={() => setOpen(true)} className={linkButton}>
          add
        </button>
        <span aria-hidden="true" className="text-gray-300">
          |
        </span>
        <button type="button" aria-label="Clear tag filters" disabled={filters.length === 0} onClick={() => onChange([])} className={linkButton}>
          clear
        </button>
        <DialogContent title="Add tag filter" description="Show only resources with this tag." size="sm">
          <AddTagFilterForm
            namespaces={namespaces}
            onAdd={(f) => {
              if (!filters.some((g) => sameTagFilter(g, f))) onChange([...filters, f]);
              setOpen(false);
            }}
          />
        </DialogContent>
      </Dialog>
    </div>
  );
}

function AddTagFilterForm({ namespaces, onAdd }: { namespaces: readonly TagNamespaceOption[]; onAdd: (f: TagFilter) => void }) {
  const listId = useId();
  const [namespace, setNamespace] = useState('');
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const keys = namespaces.find((n) => n.name === namespace)?.keys ?? [];

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    e.stopPropagation(); // the dialog is portalled, but React still bubbles submit to an enclosing form
    if (!key.trim()) return setError('Enter a tag key.');
    const f: TagFilter = { key: key.trim() };
    if (namespace) f.namespace = namespace;
    if (value.trim()) f.value = value.trim();
    onAdd(f);
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <Field label="Tag namespace">
        <Select value={namespace} onChange={(e) => setNamespace(e.target.value)}>
          <option value="">None (free-form tags)</option>
          {namespaces.map((n) => (
            <option key={n.name} value={n.name}>
              {n.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Tag key" error={error} required>
        <Input
          value={key}
          list={keys.length > 0 ? listId : undefined}
          autoComplete="off"
          onChange={(e) => {
            setKey(e.target.value);
            setError(undefined);
          }}
        />
      </Field>
      {keys.length > 0 && (
        <datalist id={listId}>
          {keys.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
      )}
      <Field label="Tag value" hint="Leave empty to match any value.">
        <Input value={value} autoComplete="off" onChange={(e) => setValue(e.target.value)} />
      </Field>
      <DialogFooter>
        <DialogClose asChild>
          <Button>Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary">
          Add filter
        </Button>
      </DialogFooter>
    </form>
  );
}
