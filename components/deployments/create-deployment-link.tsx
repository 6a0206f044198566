import Link from 'next/link';
import { buttonClasses, type ButtonSize } from '@/components/ui/button';

/** The create wizard lives on its own page; a project preselects it. */
export function CreateDeploymentLink({ projectId, compartmentId, size = 'md' }: { projectId?: string; compartmentId?: string; size?: ButtonSize }) {
  const params = new URLSearchParams();
  if (projectId) params.set('projectId', projectId);
  if (compartmentId) params.set('compartmentId', compartmentId);
  const qs = params.toString();
  return (
    <span className="flex gap-2">
      <Link href={`/model-deployments/new/yaml${qs ? `?${qs}` : ''}`} className={buttonClasses({ variant: 'secondary', size })}>
        Create from YAML
      </Link>
      <Link href={`/model-deployments/new${qs ? `?${qs}` : ''}`} className={buttonClasses({ variant: 'primary', size })}>
        Create model deployment
      </Link>
    </span>
  );
}
