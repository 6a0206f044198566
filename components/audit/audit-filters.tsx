import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { AUDIT_OUTCOMES } from '@/server/domain/audit';

export interface AuditFilterValues {
  principal?: string | undefined;
  action?: string | undefined;
  resourceId?: string | undefined;
  outcome?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

// datetime-local shows minutes without a zone; the page reads what it sends as UTC.
const local = (iso: string | undefined) => (iso ? iso.slice(0, 16) : '');

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="flex w-44 flex-col gap-1 text-xs font-medium text-gray-700">
      {label}
      {children}
    </label>
  );
}

/** A plain GET form: the filters live in the URL, so a filtered log can be shared and paged without script. */
export function AuditFilters({ values, actions, action }: { values: AuditFilterValues; actions: readonly string[]; action: string }) {
  return (
    <form method="get" action={action} aria-label="Audit log filters" className="flex flex-wrap items-end gap-3 rounded-lg border border-gray-200 bg-white p-3">
      <Labelled label="Principal">
        <Input name="principal" defaultValue={values.principal ?? ''} placeholder="user name or OCID" />
      </Labelled>
      <Labelled label="Action">
        <Select name="action" defaultValue={values.action ?? ''} placeholder="Any action" options={actions.map((a) => ({ value: a, label: a }))} />
      </Labelled>
      <Labelled label="Resource OCID">
        <Input name="resourceId" defaultValue={values.resourceId ?? ''} placeholder="ocid1..." />
      </Labelled>
      <Labelled label="Outcome">
        <Select name="outcome" defaultValue={values.outcome ?? ''} placeholder="Any outcome" options={AUDIT_OUTCOMES.map((o) => ({ value: o, label: o }))} />
      </Labelled>
      <Labelled label="From (UTC)">
        <Input type="datetime-local" name="from" defaultValue={local(values.from)} />
      </Labelled>
      <Labelled label="To (UTC)">
        <Input type="datetime-local" name="to" defaultValue={local(values.to)} />
      </Labelled>
      <div className="flex gap-2">
        <button type="submit" className={buttonClasses({ variant: 'primary' })}>
          Apply filters
        </button>
        <Link href={action} className={buttonClasses({ variant: 'ghost' })}>
          Clear
        </Link>
      </div>
    </form>
  );
}
