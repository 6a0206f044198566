'use client';

import { useState } from 'react';
import { CodeBlock } from '@/components/deployments/code-block';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent } from '@/components/ui/dialog';

/** The deployment as a spec "Create from YAML" (or the CLI) takes back: export then import gives it again. */
export function ExportYamlButton({
  yaml,
  fileName,
  size,
  description = "The deployment's configuration as a deployment spec.",
}: {
  yaml: string;
  fileName: string;
  size?: 'sm' | 'md';
  description?: string;
}) {
  const [open, setOpen] = useState(false);
  const href = `data:text/yaml;charset=utf-8,${encodeURIComponent(yaml)}`;
  return (
    <>
      <Button type="button" variant="secondary" {...(size ? { size } : {})} onClick={() => setOpen(true)}>
        Export as YAML
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent title="Export as YAML" size="lg" description={description}>
          <div className="flex flex-col gap-3">
            <CodeBlock code={yaml} label="deployment spec" />
            <a href={href} download={fileName} className="text-sm text-blue-700 underline">
              Download {fileName}
            </a>
          </div>
        </DialogContent>
      </Dialog>
    </>
  );
}
