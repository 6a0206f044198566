'use client';

import { useId, useRef, useState, type ToggleEvent } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { cn } from '@/components/ui/cn';
import { shortOcid } from '@/server/domain/ocid';

export interface OcidTextProps {
  ocid: string;
  /** Accessible name of the copy button; defaults to "Copy OCID". */
  label?: string;
  className?: string;
}

const POPOVER_MAX_WIDTH = 448;

/**
 * OCI's OCID display: "...abc123" with Show and Copy (which always copies the full OCID). Show opens
 * the full OCID in a popover above the page, so a table row keeps its height and its neighbours
 * their width.
 */
export function OcidText({ ocid, label = 'Copy OCID', className }: OcidTextProps) {
  const id = useId();
  const popoverId = `${id}-ocid`;
  const trigger = useRef<HTMLButtonElement>(null);
  const [shown, setShown] = useState(false);
  const short = ocid.length > 6 ? shortOcid(ocid) : ocid;

  // Placed under its button before it opens; the top layer is outside every scrolling table.
  const place = (e: ToggleEvent<HTMLDivElement>) => {
    if (e.newState !== 'open' || !trigger.current) return;
    const r = trigger.current.getBoundingClientRect();
    const el = e.currentTarget;
    el.style.top = `${Math.round(r.bottom + 4)}px`;
    el.style.left = `${Math.round(Math.max(8, Math.min(r.left, window.innerWidth - POPOVER_MAX_WIDTH - 8)))}px`;
  };

  return (
    <span className={cn('inline-flex items-baseline gap-x-1.5 whitespace-nowrap', className)}>
      <span className="font-mono text-[13px] text-gray-800" title={ocid}>
        {short}
      </span>
      <button ref={trigger} type="button" popoverTarget={popoverId} className={buttonClasses({ variant: 'link' })}>
        {shown ? 'Hide' : 'Show'}
      </button>
      <CopyButton text={ocid} label={label} variant="link" />
      <div
        id={popoverId}
        popover="auto"
        role="dialog"
        aria-label="Full OCID"
        onBeforeToggle={place}
        onToggle={(e) => setShown(e.newState === 'open')}
        style={{ maxWidth: POPOVER_MAX_WIDTH }}
        className="fixed m-0 rounded-md border border-gray-200 bg-white px-3 py-2 whitespace-normal shadow-lg [inset:auto]"
      >
        <p className="font-mono text-xs break-all text-gray-900 select-all">{ocid}</p>
      </div>
    </span>
  );
}
