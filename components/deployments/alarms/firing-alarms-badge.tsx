import Link from 'next/link';
import { Badge } from '@/components/ui/badge';

/** "2 alarms firing", linking to the deployment's Alarms tab; nothing when none fires. */
export function FiringAlarmsBadge({ deploymentId, count }: { deploymentId: string; count: number }) {
  if (count <= 0) return null;
  return (
    <div className="flex">
      <Link href={`/model-deployments/${deploymentId}?tab=alarms`} className="focus-ring rounded-full">
        <Badge tone="danger" dot="pulse">
          {count} alarm{count === 1 ? '' : 's'} firing
        </Badge>
      </Link>
    </div>
  );
}
