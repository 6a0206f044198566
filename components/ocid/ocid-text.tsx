'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { cn } from '@/components/ui/cn';

export interface OcidTextProps {
  ocid: string;
  /** Accessible name of the copy button; defaults to "Copy OCID". */
  label?: string;
  className?: string;
}

/** OCI's OCID display: "...abc123" with Show/Hide and Copy (which always copies the full OCID). */
export function OcidText({ ocid, label = 'Copy OCID', className }: OcidTextProps) {
  const [shown, setShown] = useState(false);
  const short = ocid.length > 6 ? `...${ocid.slice(-6)}` : ocid;
  return (
    <span className={cn('inline-flex max-w-full flex-wrap items-baseline gap-x-1.5', className)}>
      <span className={cn('font-mono text-[13px] text-gray-800', shown && 'break-all')} title={shown ? undefined : ocid}>
        {shown ? ocid : short}
      </span>
      <Button variant="link" onClick={() => setShown((s) => !s)}>
        {shown ? 'Hide' : 'Show'}
      </Button>
      <CopyButton text={ocid} label={label} variant="link" />
    </span>
  );
}
