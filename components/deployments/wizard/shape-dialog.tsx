'use client';

import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import type { HostCapacity } from '@/server/domain/fit-resources';
import type { ModelDeploymentShapeSeries } from '@/server/domain/oci-types';
import { SHAPES, SHAPE_SERIES_LABELS, findShape, type Shape } from '@/server/domain/shapes';
import { Note } from './form-section';
import { toNumber } from './form-model';
import { describeShapeFit, overcommitNote, type HostLoad } from './shape-fit';

export interface ShapeChoice {
  shapeName: string;
  ocpus: string;
  memoryInGBs: string;
}

export interface ShapeDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  value: ShapeChoice;
  onSelect: (choice: ShapeChoice) => void;
  host: HostCapacity | null;
  refuseOversized: boolean;
  /** The other deployments' reservation and this one's instance count, for the overcommit warning. */
  load?: HostLoad;
}

const SERIES: ModelDeploymentShapeSeries[] = [...new Set(SHAPES.map((s) => s.shapeSeries))];
const GB = 1024 ** 3;

function specs(shape: Shape): string {
  const size = shape.isFlex
    ? `flexible: ${shape.flex.ocpus.min}–${shape.flex.ocpus.max} OCPUs, ${shape.flex.memoryInGBs.min}–${shape.flex.memoryInGBs.max} GB`
    : `${shape.coreCount} OCPUs, ${shape.memoryInGBs} GB`;
  return shape.gpu ? `${size}, ${shape.gpu.count} × NVIDIA ${shape.gpu.model}` : size;
}

/** A fixed shape's fit in a word; flex shapes are judged by the size chosen below the list. */
function fitBadge(shape: Shape, host: HostCapacity | null, load: HostLoad | undefined): string | null {
  if (!host || host.cpus === 0 || shape.isFlex) return shape.gpu && host && !host.nvidiaRuntime ? 'runs on CPU here' : null;
  const larger = shape.coreCount > host.cpus || shape.memoryInGBs * GB > host.memoryBytes;
  const each = { cpus: Math.min(shape.coreCount, host.cpus), memoryBytes: Math.min(shape.memoryInGBs * GB, host.memoryBytes) };
  const overcommits = load ? overcommitNote(host, load, each) !== null : false;
  const parts = [
    overcommits ? 'would overcommit this host' : larger ? 'fitted to this host' : 'fits this host',
    overcommits && larger ? 'fitted to this host' : null,
    shape.gpu && !host.nvidiaRuntime ? 'runs on CPU here' : null,
  ];
  return parts.filter(Boolean).join(', ');
}

/** OCI's "Select shape" dialog: a series, a shape of it, and for flex shapes the OCPUs and memory. */
export function ShapeDialog(props: ShapeDialogProps) {
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      <DialogContent title="Select a shape" size="lg" description="Shapes as OCI offers them for model deployments. Locally, 1 OCPU is one CPU of this machine.">
        {props.open ? <ShapeForm {...props} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function ShapeForm({ value, onSelect, onOpenChange, host, refuseOversized, load }: ShapeDialogProps) {
  const baseId = useId();
  const [draft, setDraft] = useState(value);
  const shape = findShape(draft.shapeName);
  const [series, setSeries] = useState<ModelDeploymentShapeSeries>(shape?.shapeSeries ?? 'AMD_ROME');
  const inSeries = SHAPES.filter((s) => s.shapeSeries === series);
  const fit = describeShapeFit(
    {
      instanceShapeName: draft.shapeName,
      ...(shape?.isFlex ? { modelDeploymentInstanceShapeConfigDetails: { ocpus: toNumber(draft.ocpus), memoryInGBs: toNumber(draft.memoryInGBs) } } : {}),
    },
    host,
    refuseOversized,
    load,
  );
  const flexError = (field: 'ocpus' | 'memory') => (fit.error && (field === 'ocpus' ? /OCPU/ : /memory/).test(fit.error) ? fit.error : undefined);

  function choose(next: Shape) {
    if (!next.isFlex) return setDraft({ shapeName: next.name, ocpus: '', memoryInGBs: '' });
    // Keep the size chosen so far when it fits the new shape's ranges.
    const within = (v: string, r: { min: number; max: number }, fallback: number) => {
      const n = toNumber(v);
      return String(n !== undefined && n >= r.min && n <= r.max ? n : Math.min(Math.max(fallback, r.min), r.max));
    };
    setDraft({ shapeName: next.name, ocpus: within(draft.ocpus, next.flex.ocpus, 1), memoryInGBs: within(draft.memoryInGBs, next.flex.memoryInGBs, 16) });
  }

  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        e.stopPropagation();
        if (fit.error) return;
        onSelect(draft);
        onOpenChange(false);
      }}
    >
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium text-gray-800">Shape series</legend>
        <div className="flex flex-wrap gap-2">
          {SERIES.map((s) => (
            <label key={s} className="flex cursor-pointer items-center gap-1.5 rounded-md border border-gray-300 px-2.5 py-1 text-sm has-checked:border-accent-600 has-checked:bg-accent-50">
              <input type="radio" name={`${baseId}-series`} value={s} checked={series === s} onChange={() => setSeries(s)} className="accent-accent-600" />
              {SHAPE_SERIES_LABELS[s]}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend className="mb-1.5 text-sm font-medium text-gray-800">Shape</legend>
        <ul className="flex max-h-64 flex-col divide-y divide-gray-100 overflow-y-auto rounded-md border border-gray-200">
          {inSeries.map((s) => {
            const badge = fitBadge(s, host, load);
            return (
              <li key={s.name}>
                <label className="flex cursor-pointer items-start gap-2 px-3 py-2 text-sm hover:bg-gray-50 has-checked:bg-accent-50">
                  <input
                    type="radio"
                    name={`${baseId}-shape`}
                    value={s.name}
                    checked={draft.shapeName === s.name}
                    onChange={() => choose(s)}
                    className="mt-0.5 accent-accent-600"
                  />
                  <span className="flex flex-col">
                    <span className="font-medium text-gray-900">{s.name}</span>
                    <span className="text-xs text-gray-600">
                      {specs(s)}
                      {badge ? ` · ${badge}` : ''}
                    </span>
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>

      {shape?.isFlex && (
        <div className="grid grid-cols-2 gap-3">
          <Field label="OCPUs" hint={`${shape.flex.ocpus.min} to ${shape.flex.ocpus.max}`} error={flexError('ocpus')} required>
            <Input
              type="number"
              inputMode="decimal"
              min={shape.flex.ocpus.min}
              max={shape.flex.ocpus.max}
              value={draft.ocpus}
              onChange={(e) => setDraft({ ...draft, ocpus: e.target.value })}
            />
          </Field>
          <Field label="Memory (GB)" hint={`${shape.flex.memoryInGBs.min} to ${shape.flex.memoryInGBs.max} GB`} error={flexError('memory')} required>
            <Input
              type="number"
              inputMode="decimal"
              min={shape.flex.memoryInGBs.min}
              max={shape.flex.memoryInGBs.max}
              value={draft.memoryInGBs}
              onChange={(e) => setDraft({ ...draft, memoryInGBs: e.target.value })}
            />
          </Field>
        </div>
      )}

      <div aria-live="polite" className="flex flex-col gap-2">
        {fit.summary && <p className="text-sm text-gray-800">{fit.summary}</p>}
        {fit.notes.map((n) => (
          <Note key={n.text} tone={n.tone}>
            {n.text}
          </Note>
        ))}
      </div>

      <DialogFooter>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" disabled={Boolean(fit.error)}>
          Select shape
        </Button>
      </DialogFooter>
    </form>
  );
}
