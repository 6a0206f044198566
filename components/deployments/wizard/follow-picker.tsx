'use client';

import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import type { ModelOption } from '@/server/domain/editor-options';
import type { FollowSetting } from '@/server/domain/version-follow';
import { Note } from './form-section';

/** The labels of the project's version sets a deployment can follow, each with the model holding it. */
export function followableLabels(models: readonly ModelOption[]) {
  return models.flatMap((m) =>
    m.version?.versionLabel
      ? [{ key: `${m.version.modelVersionSetId}|${m.version.versionLabel}`, setting: { modelVersionSetId: m.version.modelVersionSetId, versionLabel: m.version.versionLabel }, model: m, setName: m.version.modelVersionSetName, versionId: m.version.versionId }]
      : [],
  );
}

export interface FollowPickerProps {
  models: readonly ModelOption[];
  follow: FollowSetting | undefined;
  error?: string | undefined;
  /** A label chosen (with the model holding it), or following turned off (null). */
  onChange: (choice: { follow: FollowSetting; modelId: string } | null) => void;
}

/** "Follow a version set label": the deployment then serves whichever model holds the label. */
export function FollowPicker({ models, follow, error, onChange }: FollowPickerProps) {
  const labels = followableLabels(models);
  const chosenKey = follow ? `${follow.modelVersionSetId}|${follow.versionLabel}` : '';
  return (
    <div className="flex flex-col gap-2">
      <label className="flex items-center gap-2 text-sm text-gray-800">
        <input
          type="checkbox"
          className="size-4"
          checked={follow !== undefined}
          disabled={labels.length === 0}
          onChange={(e) => {
            const first = labels[0];
            onChange(e.target.checked && first ? { follow: first.setting, modelId: first.model.id } : null);
          }}
        />
        Follow a version set label
      </label>
      {labels.length === 0 && <p className="text-xs text-gray-600">No model of this project holds a version label yet; give one a label on its page to follow it.</p>}
      {follow && (
        <>
          <Field label="Version label to follow" required error={error}>
            <Select
              name="followLabel"
              value={chosenKey}
              options={labels.map((l) => ({ value: l.key, label: `${l.setName}: ${l.setting.versionLabel} (now ${l.model.displayName}, version ${l.versionId})` }))}
              onChange={(e) => {
                const l = labels.find((x) => x.key === e.target.value);
                if (l) onChange({ follow: l.setting, modelId: l.model.id });
              }}
            />
          </Field>
          <Note tone="info">When the label moves to another model, or a newer version is registered under it, the deployment swaps to that model with no downtime, as an update you can follow in its work requests.</Note>
        </>
      )}
    </div>
  );
}
