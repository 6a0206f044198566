'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { useToast } from '@/components/ui/toast';
import { setDeploymentFollowAction } from '@/server/actions/deployments/set-deployment-follow';
import type { FollowSetting } from '@/server/domain/version-follow';

export interface FollowOption {
  setting: FollowSetting;
  label: string;
}

/** Edit what a deployment follows: a label of a version set of its project, or nothing. */
export function FollowControl({ deploymentId, current, options }: { deploymentId: string; current: FollowSetting | undefined; options: readonly FollowOption[] }) {
  const router = useRouter();
  const { toast } = useToast();
  const keyOf = (s: FollowSetting) => `${s.modelVersionSetId}|${s.versionLabel}`;
  const [choice, setChoice] = useState(current ? keyOf(current) : '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function apply(follow: FollowSetting | null) {
    setSaving(true);
    const result = await setDeploymentFollowAction({ modelDeploymentId: deploymentId, follow });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    toast({ variant: 'success', title: follow ? `The deployment follows label ${follow.versionLabel}` : 'The deployment no longer follows a label' });
    router.refresh();
  }

  const chosen = options.find((o) => keyOf(o.setting) === choice);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-end gap-2">
        <Field label="Follow a version set label">
          <Select value={choice} onChange={(e) => setChoice(e.target.value)} placeholder="Choose a label" options={options.map((o) => ({ value: keyOf(o.setting), label: o.label }))} />
        </Field>
        <Button loading={saving} disabled={!chosen || (current !== undefined && keyOf(current) === choice)} onClick={() => chosen && void apply(chosen.setting)}>
          Follow label
        </Button>
        {current && (
          <Button variant="secondary" loading={saving} onClick={() => void apply(null)}>
            Stop following
          </Button>
        )}
      </div>
      {error && <FormAlert message={error} />}
    </div>
  );
}
