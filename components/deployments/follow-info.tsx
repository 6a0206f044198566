import { FormattedTime } from '@/components/formatted-time';
import { OcidText } from '@/components/ocid/ocid-text';
import type { DeploymentFollow } from '@/server/domain/version-follow';

/** Which label the deployment follows, and why it last changed model. */
export function FollowInfo({ follow }: { follow: DeploymentFollow }) {
  const change = follow.lastChange;
  return (
    <span className="flex flex-col gap-0.5">
      <span>
        Label <span className="font-medium">{follow.versionLabel}</span> of version set{' '}
        <span className="font-medium">{follow.modelVersionSetName || follow.modelVersionSetId}</span>: the deployment serves whichever model holds it.
      </span>
      {change && (
        <span className="text-xs text-gray-600">
          Last change: {change.reason} (<FormattedTime iso={change.time} />
          {change.workRequestId && (
            <>
              , work request <OcidText ocid={change.workRequestId} label="Copy work request OCID" />
            </>
          )}
          ).
        </span>
      )}
    </span>
  );
}
