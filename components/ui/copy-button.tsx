'use client';

import { useEffect, useState } from 'react';
import { Button, type ButtonSize, type ButtonVariant } from './button';
import { useToast } from './toast';

export interface CopyButtonProps {
  /** The text put on the clipboard. */
  text: string;
  /** Accessible name, e.g. "Copy OCID"; it stays the same while "Copied" is shown. */
  label: string;
  /** Visible text; defaults to "Copy". */
  children?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
}

export function CopyButton({ text, label, children = 'Copy', variant = 'ghost', size = 'sm', className }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  const { toast } = useToast();

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      // navigator.clipboard is undefined outside secure contexts (plain http on a non-localhost host).
      if (!navigator.clipboard) throw new Error('Clipboard unavailable');
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      toast({
        variant: 'error',
        title: 'Could not copy to the clipboard',
        description: `Your browser blocked clipboard access. Select and copy the text manually: ${text}`,
      });
    }
  }

  return (
    <>
      <Button variant={variant} size={size} aria-label={label} onClick={() => void copy()} className={className}>
        {copied ? 'Copied' : children}
      </Button>
      {/* Outside the button so its text stays exactly "Copy"/"Copied". */}
      <span aria-live="polite" className="sr-only">
        {copied ? 'Copied' : ''}
      </span>
    </>
  );
}
