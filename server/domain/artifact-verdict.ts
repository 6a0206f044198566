import { checklistOutcome, type ChecklistItem, type ChecklistStatus } from './artifact-checklist';

// The artifact checks in one verdict, for the places that must say in a sentence whether a
// model can serve: the create toast, the wizard's model picker and its override.

export interface ArtifactVerdict {
  outcome: ChecklistStatus;
  /** The failed checks, in checklist order. */
  failures: { label: string; reason: string }[];
}

export function artifactVerdict(items: readonly ChecklistItem[]): ArtifactVerdict {
  return {
    outcome: checklistOutcome(items),
    failures: items.filter((i) => i.status === 'failure').map((i) => ({ label: i.label, reason: i.reason })),
  };
}

/** Why a managed deployment of this artifact will fail, in one paragraph; '' when no check failed. */
export function whyItCannotServe(verdict: ArtifactVerdict): string {
  if (verdict.failures.length === 0) return '';
  const first = verdict.failures[0];
  const more = verdict.failures.length - 1;
  return `${first?.reason ?? ''}${more > 0 ? ` (and ${more} more failed check${more === 1 ? '' : 's'}: ${verdict.failures.slice(1).map((f) => f.label).join('; ')})` : ''}`;
}
