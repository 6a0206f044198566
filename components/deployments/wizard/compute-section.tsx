'use client';

import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { HostCapacity } from '@/server/domain/fit-resources';
import type { Reservation } from '@/server/domain/host-reservation';
import { findShape } from '@/server/domain/shapes';
import { FormSection, Note } from './form-section';
import { toNumber } from './form-model';
import { ScalingFields } from './scaling-fields';
import type { SectionProps } from './section-props';
import { ShapeDialog } from './shape-dialog';
import { describeShapeFit } from './shape-fit';

export interface ComputeSectionProps extends SectionProps {
  host: HostCapacity | null;
  /** What the installation's other deployments hold of the host. */
  reserved: Reservation | null;
  refuseOversized: boolean;
  /** BERTH_AUTOSCALING_MIN_SECONDS (null: OCI's minimums). */
  autoscalingMinSeconds: number | null;
  onShapeChosen: () => void;
}

export function ComputeSection({ values, set, errors, host, reserved, refuseOversized, autoscalingMinSeconds, onShapeChosen }: ComputeSectionProps) {
  const [open, setOpen] = useState(false);
  const summaryId = useId();
  const errorId = useId();
  const shape = findShape(values.shapeName);
  // An autoscaled deployment may grow to its maximum: that is what the host must hold.
  const instances = toNumber(values.scaling.mode === 'AUTOSCALING' ? values.scaling.maximum : values.instanceCount);
  const load = { reserved, instances: instances !== undefined && Number.isInteger(instances) ? instances : 0 };
  const fit = describeShapeFit(
    {
      instanceShapeName: values.shapeName,
      ...(shape?.isFlex ? { modelDeploymentInstanceShapeConfigDetails: { ocpus: toNumber(values.ocpus), memoryInGBs: toNumber(values.memoryInGBs) } } : {}),
    },
    host,
    refuseOversized,
    load,
  );
  const shapeError = errors.shape;

  return (
    <FormSection title="Compute" description="The shape of each instance and how many instances serve the model behind the load balancer.">
      <div className="flex flex-col gap-2">
        <span className="text-sm font-medium text-gray-800">Shape</span>
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-gray-200 px-3 py-2">
          <span id={summaryId} className="text-sm text-gray-900">
            {fit.summary ?? values.shapeName}
          </span>
          <Button size="sm" onClick={() => setOpen(true)} aria-describedby={`${summaryId}${shapeError ? ` ${errorId}` : ''}`}>
            Change shape
          </Button>
        </div>
        {shapeError && (
          <p id={errorId} className="text-xs font-medium text-red-700">
            {shapeError}
          </p>
        )}
        {fit.notes.map((n) => (
          <Note key={n.text} tone={n.tone}>
            {n.text}
          </Note>
        ))}
      </div>
      <ShapeDialog
        open={open}
        onOpenChange={setOpen}
        value={{ shapeName: values.shapeName, ocpus: values.ocpus, memoryInGBs: values.memoryInGBs }}
        onSelect={(choice) => {
          set(choice);
          onShapeChosen();
        }}
        host={host}
        refuseOversized={refuseOversized}
        load={load}
      />
      <ScalingFields
        scaling={values.scaling}
        instanceCount={values.instanceCount}
        onScaling={(scaling) => set({ scaling })}
        onInstanceCount={(instanceCount) => set({ instanceCount })}
        errors={errors}
        minSeconds={autoscalingMinSeconds}
      />
    </FormSection>
  );
}
