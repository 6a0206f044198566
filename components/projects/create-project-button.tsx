'use client';

import type { CompartmentOption } from '@/components/forms/compartment-select';
import { useState } from 'react';
import type { TagNamespaceOption } from '@/components/tags/tag-editor';
import { Button } from '@/components/ui/button';
import { ProjectFormDialog } from './project-form-dialog';

export interface CreateProjectButtonProps {
  compartments: readonly CompartmentOption[];
  compartmentId: string;
  namespaces: readonly TagNamespaceOption[];
}

export function CreateProjectButton(props: CreateProjectButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)}>
        Create project
      </Button>
      <ProjectFormDialog mode="create" open={open} onOpenChange={setOpen} {...props} />
    </>
  );
}
