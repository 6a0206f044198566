'use client';

import { useId } from 'react';
import type { CategoryLogDetails } from '@/server/domain/oci-types';
import { FormSection } from './form-section';

/**
 * OCI sends access and predict logs to the Logging service (a log group and a log each). The local
 * provider has no Logging service; OCIDs are never made up here.
 */
export function LoggingSection({ current }: { current: CategoryLogDetails | undefined }) {
  const id = useId();
  const configured = (['access', 'predict'] as const).filter((k) => current?.[k]);
  return (
    <FormSection title="Logging">
      <fieldset className="flex flex-col gap-2" aria-describedby={`${id}-why`}>
        <legend className="sr-only">Where access and predict logs go</legend>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name={`${id}-logging`} checked readOnly className="mt-0.5 accent-accent-600" />
          <span>
            <span className="font-medium text-gray-800">Default logging (Berth)</span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm text-gray-500">
          <input type="radio" name={`${id}-logging`} disabled className="mt-0.5" />
          <span>OCI Logging service: a log group with an access log and a predict log (not available with the local provider)</span>
        </label>
      </fieldset>
      <p id={`${id}-why`} className="text-sm text-gray-600">
        This installation runs deployments on this machine, where there is no OCI Logging service. The deployment&apos;s access and predict
        logs will be kept by Berth with the deployment, on its Logs tab.
      </p>
      {configured.length > 0 && (
        <ul className="text-sm text-gray-700">
          {configured.map((k) => (
            <li key={k}>
              {k === 'access' ? 'Access log' : 'Predict log'} set through the API: <span className="font-mono text-xs break-all">{current?.[k]?.logId}</span> (kept)
            </li>
          ))}
        </ul>
      )}
    </FormSection>
  );
}
