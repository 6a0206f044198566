import type { ToastOptions } from '@/components/ui/toast';
import { whyItCannotServe, type ArtifactVerdict } from '@/server/domain/artifact-verdict';

/**
 * What the create form says once a model is in. A model is created even when its artifact checks
 * fail (OCI stores any artifact), so a plain success would hide that no managed deployment of it
 * can serve; that case says so, and why.
 */
export function createdModelToast(displayName: string, verdict: ArtifactVerdict | null): ToastOptions {
  if (verdict?.outcome === 'failure') {
    return {
      variant: 'error',
      title: `Model ${displayName} created, but it cannot serve`,
      description: `A model deployment of it will fail: ${whyItCannotServe(verdict)} Upload a fixed artifact as a new model, or serve it from a custom container.`,
    };
  }
  if (verdict?.outcome === 'warning') {
    return { variant: 'info', title: `Model ${displayName} created`, description: 'Its artifact checks have warnings: read them below before you deploy it.' };
  }
  return { variant: 'success', title: `Model ${displayName} created` };
}
