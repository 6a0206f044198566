import Link from 'next/link';
import { Badge } from '@/components/ui/badge';

/** "2 alarms firing", linking to the deployment's Alarms tab; nothing when none fires. */
export function FiringAlarmsBadge({ deploymentId, count, inline = false }: { deploymentId: string; count: number; inline?: boolean }) {
  if (count <= 0) return null;
  const badge = (
    <Link href={`/model-deployments/${deploymentId}?tab=alarms`} className="focus-ring rounded-full">
      <Badge tone="danger" dot="pulse">
        {count} alarm{count === 1 ? '' : 's'} firing
      </Badge>
    </Link>
  );
  return inline ? badge : <div className="flex">{badge}</div>;
}
