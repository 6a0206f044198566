'use client';

import { useState } from 'react';
import { CompartmentSelect } from '@/components/forms/compartment-select';
import { FormAlert } from '@/components/forms/form-alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { createGrantAction } from '@/server/actions/iam/create-grant';
import { deleteGrantAction } from '@/server/actions/iam/delete-grant';
import { compartmentPath } from '@/server/domain/compartment-rules';
import { IAM_RESOURCE_TYPES, IAM_VERBS, policyStatement, type IamResourceType, type IamVerb } from '@/server/domain/iam';
import { useAdminAction } from './use-admin-action';

export interface GrantRowView {
  id: string;
  groupName: string;
  statement: string;
  removable: boolean;
}

export interface PolicyCompartment {
  id: string;
  compartmentId: string | null;
  name: string;
  depth: number;
}

export interface PoliciesPanelProps {
  grants: GrantRowView[];
  groups: { id: string; name: string }[];
  compartments: PolicyCompartment[];
  tenancyId: string;
}

export function PoliciesPanel({ grants, groups, compartments, tenancyId }: PoliciesPanelProps) {
  const remove = useAdminAction();
  return (
    <div className="flex flex-col gap-5">
      <AddStatementForm groups={groups} compartments={compartments} tenancyId={tenancyId} />
      <section aria-labelledby="policy-statements" className="flex flex-col gap-2">
        <h2 id="policy-statements" className="text-base font-semibold text-gray-900">
          Policy statements
        </h2>
        {remove.error && <FormAlert message={remove.error} />}
        <Table label="Policy statements">
          <THead>
            <tr>
              <TH>Statement</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </tr>
          </THead>
          <TBody>
            {grants.map((g) => (
              <TR key={g.id}>
                <TD className="font-mono text-xs">{g.statement}</TD>
                <TD className="text-right">
                  {g.removable ? (
                    <Button
                      size="sm"
                      variant="danger"
                      aria-label={`Remove statement: ${g.statement}`}
                      disabled={remove.pending}
                      onClick={() => remove.run(() => deleteGrantAction({ grantId: g.id }), { success: () => 'Statement removed' })}
                    >
                      Remove
                    </Button>
                  ) : (
                    <span className="text-xs text-gray-500">Keeps administration reachable</span>
                  )}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </section>
    </div>
  );
}

function AddStatementForm({ groups, compartments, tenancyId }: Omit<PoliciesPanelProps, 'grants'>) {
  const add = useAdminAction();
  const [groupId, setGroupId] = useState('');
  const [verb, setVerb] = useState<IamVerb>('read');
  const [resourceType, setResourceType] = useState<IamResourceType>('data-science-family');
  const [compartmentId, setCompartmentId] = useState(tenancyId);
  const group = groups.find((g) => g.id === groupId);
  const nodes = new Map(compartments.map((c) => [c.id, c]));
  const preview = policyStatement(group?.name ?? '<group>', { verb, resourceType, compartmentId }, (id) => compartmentPath(id, nodes), tenancyId);
  return (
    <form
      aria-labelledby="add-statement"
      className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        add.run(() => createGrantAction({ groupId, verb, resourceType, compartmentId }), { success: (d) => `Added: ${d.statement}` });
      }}
    >
      <h2 id="add-statement" className="text-base font-semibold text-gray-900">
        Add a statement
      </h2>
      {add.error && <FormAlert message={add.error} />}
      <div className="grid grid-cols-1 gap-3 md:grid-cols-4">
        <Field label="Group" required error={add.fieldErrors.groupId}>
          <Select value={groupId} onChange={(e) => setGroupId(e.target.value)} placeholder="Select a group" className="w-full" options={groups.map((g) => ({ value: g.id, label: g.name }))} />
        </Field>
        <Field label="Verb" required error={add.fieldErrors.verb}>
          <Select value={verb} onChange={(e) => setVerb(e.target.value as IamVerb)} className="w-full" options={IAM_VERBS.map((v) => ({ value: v, label: v }))} />
        </Field>
        <Field label="Resource type" required error={add.fieldErrors.resourceType}>
          <Select value={resourceType} onChange={(e) => setResourceType(e.target.value as IamResourceType)} className="w-full" options={IAM_RESOURCE_TYPES.map((t) => ({ value: t, label: t }))} />
        </Field>
        <Field label="Compartment" required error={add.fieldErrors.compartmentId}>
          <CompartmentSelect compartments={compartments} value={compartmentId} onChange={(e) => setCompartmentId(e.target.value)} className="w-full" />
        </Field>
      </div>
      <p className="text-sm text-gray-700">
        <span className="text-gray-500">Statement: </span>
        <code aria-label="Statement preview" className="font-mono text-xs">
          {preview}
        </code>
      </p>
      <div>
        <Button type="submit" variant="primary" loading={add.pending} disabled={!groupId}>
          Add statement
        </Button>
      </div>
    </form>
  );
}
