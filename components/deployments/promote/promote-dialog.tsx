'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { Spinner } from '@/components/ui/spinner';
import { preflightPromotionAction } from '@/server/actions/deployments/promote/preflight-promotion';
import { promoteDeploymentAction } from '@/server/actions/deployments/promote/promote-deployment';
import { promotionTargetsAction } from '@/server/actions/deployments/promote/promotion-targets';
import type { PromotionView } from '@/server/domain/promotion-mapping';
import type { PreflightItem } from '@/server/domain/promotion-preflight';
import { OpenInContext } from './open-in-context';
import { PreflightList } from './preflight-list';
import { PromotionProgress } from './promotion-progress';

type Targets = Extract<Awaited<ReturnType<typeof promotionTargetsAction>>, { ok: true }>['data'];

/**
 * "Promote to OCI": choose an OCI context, a compartment and a project there, read the pre-flight,
 * then promote and follow the OCI work request. Nothing is created before Promote.
 */
export function PromoteDialog({ deploymentId, deploymentName }: { deploymentId: string; deploymentName: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [targets, setTargets] = useState<Targets | null>(null);
  const [sel, setSel] = useState({ contextId: '', compartmentId: '', projectId: '' });
  const [preflight, setPreflight] = useState<{ items: PreflightItem[]; blocked: boolean } | null>(null);
  const [promoted, setPromoted] = useState<PromotionView | null>(null);
  const [busy, setBusy] = useState<null | 'loading' | 'preflight' | 'promote'>(null);
  const [error, setError] = useState<string | null>(null);

  async function load(next: typeof sel) {
    setSel(next);
    setPreflight(null);
    setError(null);
    setBusy('loading');
    const r = await promotionTargetsAction({ modelDeploymentId: deploymentId, ...(next.contextId ? { contextId: next.contextId } : {}), ...(next.compartmentId ? { compartmentId: next.compartmentId } : {}) });
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setTargets(r.data);
  }

  async function runPreflight() {
    setBusy('preflight');
    setError(null);
    const r = await preflightPromotionAction({ modelDeploymentId: deploymentId, ...sel });
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setPreflight(r.data);
  }

  async function promote() {
    setBusy('promote');
    setError(null);
    const r = await promoteDeploymentAction({ modelDeploymentId: deploymentId, ...sel });
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setPromoted(r.data);
    router.refresh();
  }

  const change = (o: boolean) => {
    setOpen(o);
    if (o) void load({ contextId: '', compartmentId: '', projectId: '' });
    else {
      setTargets(null);
      setPreflight(null);
      setPromoted(null);
      setError(null);
    }
  };
  const already = promoted ?? targets?.promotion ?? null;
  const ready = sel.contextId !== '' && sel.compartmentId !== '' && sel.projectId !== '';

  return (
    <>
      <Button onClick={() => change(true)}>Promote to OCI</Button>
      <Dialog open={open} onOpenChange={change}>
        <DialogContent title="Promote to OCI" description={deploymentName} size="lg">
          <div className="flex flex-col gap-4 text-sm">
            {!targets && busy === 'loading' && (
              <p className="flex items-center gap-2 text-gray-600">
                <Spinner /> Reading the OCI contexts…
              </p>
            )}
            {promoted && (
              <div className="flex flex-col gap-2">
                <p className="text-gray-900">
                  Promoted to {promoted.contextLabel}: <span className="font-mono text-xs [overflow-wrap:anywhere]">{promoted.targetDeploymentId}</span>
                </p>
                <PromotionProgress deploymentId={deploymentId} targetLabel={promoted.contextLabel} />
              </div>
            )}
            {!promoted && already && (
              <p role="status" className="text-gray-900">
                This deployment was promoted already to {already.contextLabel}: <span className="font-mono text-xs [overflow-wrap:anywhere]">{already.targetDeploymentId}</span>
              </p>
            )}
            {!already && targets && targets.contexts.length === 0 && <p>The OCI config file offers no profile. Add one to it (see the README, OCI profiles) to promote there.</p>}
            {!already && targets && targets.contexts.length > 0 && (
              <>
                <Field label="OCI context">
                  <Select
                    value={sel.contextId}
                    placeholder="Choose a profile"
                    disabled={busy !== null}
                    options={targets.contexts.map((c) => ({ value: c.id, label: c.problem ? `${c.label}: ${c.problem}` : `${c.label} (${c.region})`, disabled: c.problem !== null }))}
                    onChange={(e) => void load({ contextId: e.target.value, compartmentId: '', projectId: '' })}
                  />
                </Field>
                {sel.contextId && (
                  <Field label="Compartment">
                    <Select
                      value={sel.compartmentId}
                      placeholder="Choose a compartment"
                      disabled={busy !== null}
                      options={targets.compartments.map((c) => ({ value: c.id, label: c.name }))}
                      onChange={(e) => void load({ ...sel, compartmentId: e.target.value, projectId: '' })}
                    />
                  </Field>
                )}
                {sel.compartmentId && (
                  <Field label="Project" hint={targets.projects.length === 0 ? 'No active project in this compartment: create one there first.' : undefined}>
                    <Select
                      value={sel.projectId}
                      placeholder="Choose a project"
                      disabled={busy !== null}
                      options={targets.projects.map((p) => ({ value: p.id, label: p.displayName }))}
                      onChange={(e) => {
                        setSel({ ...sel, projectId: e.target.value });
                        setPreflight(null);
                      }}
                    />
                  </Field>
                )}
                {preflight && <PreflightList items={preflight.items} />}
                {preflight?.blocked && <p className="text-red-800">A failing item blocks the promotion; warnings do not.</p>}
              </>
            )}
            {error && <FormAlert message={error} />}
          </div>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">{promoted ? 'Close' : 'Cancel'}</Button>
            </DialogClose>
            {already && <OpenInContext contextId={already.contextId} contextLabel={already.contextLabel} deploymentId={already.targetDeploymentId} />}
            {!already && (
              <Button disabled={!ready} loading={busy === 'preflight'} onClick={() => void runPreflight()}>
                Run pre-flight
              </Button>
            )}
            {!already && (
              <Button variant="primary" disabled={!preflight || preflight.blocked} loading={busy === 'promote'} onClick={() => void promote()}>
                Promote
              </Button>
            )}
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
