'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { RelativeTime } from '@/components/relative-time';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClasses } from '@/components/ui/button';
import { Dialog, DialogContent } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { useWorkRequest } from '@/components/work-requests/use-work-request';
import { WorkRequestProgress } from '@/components/work-requests/work-request-progress';
import { ExportYamlButton } from '../yaml/export-yaml-button';
import { RevisionCompare } from './revision-compare';
import type { RevisionRowView } from './revision-types';

export interface RevisionsPanelProps {
  deploymentId: string;
  deploymentName: string;
  revisions: readonly RevisionRowView[];
  /** Whether the viewer may update the deployment, and it can be edited now. */
  canRollBack: boolean;
  modelNames: Record<string, string>;
}

const fileNameOf = (name: string, revision: number) => `${name.replace(/[^\w.-]+/g, '-')}-revision-${revision}.yaml`;

/** Every configuration the deployment had applied, newest first, with a diff of any two and a rollback. */
export function RevisionsPanel({ deploymentId, deploymentName, revisions, canRollBack, modelNames }: RevisionsPanelProps) {
  const [openId, setOpenId] = useState<string | null>(null);
  const wr = useWorkRequest(openId);
  const format = useMemo(() => ({ modelName: (id: string) => modelNames[id] }), [modelNames]);
  if (revisions.length === 0) {
    return <EmptyState title="No revisions yet" description="Each configuration a create or an update applies is recorded here, with who asked and what changed." />;
  }
  const newestFirst = [...revisions].reverse();
  return (
    <div className="flex flex-col gap-6">
      <Table label="Revisions">
        <THead>
          <TR>
            <TH>Revision</TH>
            <TH>Changes</TH>
            <TH>By</TH>
            <TH>Applied</TH>
            <TH>Work request</TH>
            <TH>
              <span className="sr-only">Actions</span>
            </TH>
          </TR>
        </THead>
        <TBody>
          {newestFirst.map((r) => (
            <TR key={r.revision}>
              <TD>
                <span className="inline-flex items-center gap-1.5 font-medium">
                  {r.revision}
                  {r.current && <Badge tone="success">Current</Badge>}
                </span>
              </TD>
              <TD>{r.summary}</TD>
              <TD>{r.principalName ?? (r.principalId ? <span className="break-all text-xs">{r.principalId}</span> : '—')}</TD>
              <TD>
                <RelativeTime iso={r.timeCreated} />
              </TD>
              <TD>
                {r.workRequestId ? (
                  <Button size="sm" variant="link" onClick={() => setOpenId(r.workRequestId)} aria-label={`Work request of revision ${r.revision}`}>
                    {`…${r.workRequestId.slice(-8)}`}
                  </Button>
                ) : (
                  '—'
                )}
              </TD>
              <TD className="text-right">
                <span className="inline-flex items-center justify-end gap-2">
                  <ExportYamlButton yaml={r.yaml} fileName={fileNameOf(deploymentName, r.revision)} size="sm" description={`Revision ${r.revision} of the deployment as a deployment spec.`} />
                  {canRollBack && !r.current && (
                    <Link href={`/model-deployments/${deploymentId}/edit?rollback=${r.revision}`} className={buttonClasses({ size: 'sm' })} aria-label={`Roll back to revision ${r.revision}`}>
                      Roll back
                    </Link>
                  )}
                </span>
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
      {revisions.length > 1 && <RevisionCompare revisions={revisions} format={format} />}
      <Dialog open={openId !== null} onOpenChange={(o) => !o && setOpenId(null)}>
        <DialogContent title="Work request" description={openId ?? undefined} size="lg">
          <WorkRequestProgress view={wr.data} error={wr.error} />
        </DialogContent>
      </Dialog>
    </div>
  );
}
