import type { Revision } from '@/server/domain/revisions';

/** A revision as the Revisions tab shows it (see server/services/revisions.ts). */
export interface RevisionRowView extends Revision {
  summary: string;
  yaml: string;
  current: boolean;
}
