import { OpenInContext } from './open-in-context';

/** The local side of the link: where this deployment was promoted, with a way there. */
export function PromotedBanner({ contextId, contextLabel, targetDeploymentId }: { contextId: string; contextLabel: string; targetDeploymentId: string }) {
  return (
    <section aria-label="Promotion" className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-accent-200 bg-accent-50 px-4 py-3 text-sm">
      <p className="text-gray-900 [overflow-wrap:anywhere]">
        Promoted to {contextLabel}: <span className="font-mono text-xs">{targetDeploymentId}</span>
      </p>
      <OpenInContext contextId={contextId} contextLabel={contextLabel} deploymentId={targetDeploymentId} />
    </section>
  );
}
