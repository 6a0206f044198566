import { costInputOf, estimateCost, type CostOutcome } from '@/server/domain/cost/estimate';
import type { EditorData } from '@/server/domain/editor-options';
import type { ModelConfigurationDetails } from '@/server/domain/oci-types';
import { describeScalingPolicy } from '@/server/domain/scaling-summary';
import { CostPanel } from '../cost-panel';
import { FormSection } from './form-section';

// The wizard's review: how the deployment will scale, in words, and what it will cost at list
// prices, from the request the form would send.

export function costOfForm(mc: ModelConfigurationDetails, prices: EditorData['prices']): CostOutcome {
  if (!prices.ok) return { ok: false, reason: prices.error };
  const input = costInputOf(mc);
  return input.ok ? estimateCost(input.input, prices.table) : input;
}

export function ReviewSection({ mc, prices, mode }: { mc: ModelConfigurationDetails; prices: EditorData['prices']; mode: 'create' | 'edit' }) {
  const words = describeScalingPolicy(mc.scalingPolicy);
  return (
    <FormSection title={mode === 'create' ? 'Review' : 'Scaling and cost after the changes'} description="How the deployment will scale and what it will cost, from the fields above.">
      <ul aria-label="Scaling policy in words" className="flex list-disc flex-col gap-0.5 pl-5 text-sm text-gray-800">
        {words.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
      <CostPanel id="wizard-cost-estimate" outcome={costOfForm(mc, prices)} />
    </FormSection>
  );
}
