'use client';

import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { BANDWIDTH_MAX_MBPS, BANDWIDTH_MIN_MBPS } from '@/server/validation/deployment';
import { FormSection } from './form-section';
import type { SectionProps } from './section-props';

export function LoadBalancerSection({ values, set, errors, maximumBandwidthMbps }: SectionProps & { maximumBandwidthMbps?: number }) {
  return (
    <FormSection title="Load balancer" description="All requests to the deployment’s endpoint pass through its load balancer, which is limited to this bandwidth.">
      <Field
        label="Load balancer bandwidth (Mbps)"
        required
        error={errors.bandwidthMbps}
        hint={`${BANDWIDTH_MIN_MBPS} to ${BANDWIDTH_MAX_MBPS} Mbps.${maximumBandwidthMbps ? ` The maximum bandwidth (${maximumBandwidthMbps} Mbps) set through the API is kept.` : ''}`}
      >
        <Input
          name="bandwidthMbps"
          type="number"
          inputMode="numeric"
          min={BANDWIDTH_MIN_MBPS}
          max={BANDWIDTH_MAX_MBPS}
          className="w-32"
          value={values.bandwidthMbps}
          onChange={(e) => set({ bandwidthMbps: e.target.value })}
        />
      </Field>
    </FormSection>
  );
}
