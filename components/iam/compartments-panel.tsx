'use client';

import { useState } from 'react';
import { CompartmentSelect } from '@/components/forms/compartment-select';
import { OcidText } from '@/components/ocid/ocid-text';
import { Field } from '@/components/ui/field';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { createCompartmentAction } from '@/server/actions/iam/create-compartment';
import { deleteCompartmentAction } from '@/server/actions/iam/delete-compartment';
import { updateCompartmentAction } from '@/server/actions/iam/update-compartment';
import { ConfirmDeleteDialog } from './confirm-delete-dialog';
import { MoveCompartmentDialog } from './move-compartment-dialog';
import { NameDescriptionDialog } from './name-description-dialog';

export interface CompartmentRowView {
  id: string;
  compartmentId: string | null;
  name: string;
  description: string;
  depth: number;
  /** What it holds, in words ("2 projects and 1 model"); empty when nothing. */
  holds: string;
}

const NAME_HINT = 'Letters, digits, periods, hyphens and underscores; unique among its siblings.';

export function CreateCompartmentDialog({ compartments, defaultParentId }: { compartments: CompartmentRowView[]; defaultParentId: string }) {
  const [parentId, setParentId] = useState(defaultParentId);
  return (
    <NameDescriptionDialog
      title="Create compartment"
      description="Compartments hold projects, models and deployments; grants in one hold in every compartment below it."
      trigger={{ label: 'Create compartment', variant: 'primary' }}
      nameHint={NAME_HINT}
      extra={(errors) => (
        <Field label="Parent compartment" required error={errors.parentId}>
          <CompartmentSelect compartments={compartments} value={parentId} onChange={(e) => setParentId(e.target.value)} className="w-full" />
        </Field>
      )}
      submitLabel="Create"
      submit={(v) => createCompartmentAction({ parentId, ...v })}
      success="Compartment created"
    />
  );
}

export function CompartmentsTable({ compartments, defaultCompartmentId }: { compartments: CompartmentRowView[]; defaultCompartmentId: string }) {
  return (
    <Table label="Compartments">
      <THead>
        <tr>
          <TH>Name</TH>
          <TH>Description</TH>
          <TH>OCID</TH>
          <TH>Holds</TH>
          <TH>
            <span className="sr-only">Actions</span>
          </TH>
        </tr>
      </THead>
      <TBody>
        {compartments.map((c) => (
          <TR key={c.id}>
            <TD>
              <span className="font-medium" style={{ paddingLeft: `${c.depth * 1.25}rem` }}>
                {c.depth > 0 && (
                  <span aria-hidden="true" className="mr-1 text-gray-400">
                    └
                  </span>
                )}
                {c.name}
              </span>
            </TD>
            <TD className="text-gray-600">{c.description}</TD>
            <TD>
              <OcidText ocid={c.id} label={`Copy OCID of ${c.name}`} />
            </TD>
            <TD className="text-gray-600">{c.holds || 'Empty'}</TD>
            <TD className="text-right whitespace-nowrap">
              {c.compartmentId !== null && (
                <div className="flex justify-end gap-1.5">
                  <NameDescriptionDialog
                    title="Edit compartment"
                    description={c.name}
                    trigger={{ label: 'Edit', ariaLabel: `Edit compartment ${c.name}`, size: 'sm' }}
                    initial={{ name: c.name, description: c.description }}
                    nameHint={NAME_HINT}
                    submitLabel="Save"
                    submit={(v) => updateCompartmentAction({ compartmentId: c.id, ...v })}
                    success="Changes saved"
                  />
                  <MoveCompartmentDialog compartment={c} compartments={compartments} />
                  {/* The default compartment is where new resources go: the server refuses its delete. */}
                  {c.id !== defaultCompartmentId && (
                    <ConfirmDeleteDialog kind="compartment" name={c.name} remove={() => deleteCompartmentAction({ compartmentId: c.id })}>
                      {c.holds ? `It still holds ${c.holds}: the delete is refused until they are moved or deleted.` : 'It is empty.'}
                    </ConfirmDeleteDialog>
                  )}
                </div>
              )}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
