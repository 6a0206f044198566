import { Badge, type BadgeTone } from '@/components/ui/badge';

interface StateStyle {
  label: string;
  tone: BadgeTone;
  transitional?: boolean;
}

const STATES: Record<string, StateStyle> = {
  ACTIVE: { label: 'Active', tone: 'success' },
  SUCCEEDED: { label: 'Succeeded', tone: 'success' },
  CREATING: { label: 'Creating', tone: 'warning', transitional: true },
  UPDATING: { label: 'Updating', tone: 'warning', transitional: true },
  DELETING: { label: 'Deleting', tone: 'warning', transitional: true },
  ACCEPTED: { label: 'Accepted', tone: 'warning', transitional: true },
  IN_PROGRESS: { label: 'In progress', tone: 'warning', transitional: true },
  CANCELING: { label: 'Canceling', tone: 'warning', transitional: true },
  WAITING: { label: 'Waiting', tone: 'warning', transitional: true },
  FAILED: { label: 'Failed', tone: 'danger' },
  NEEDS_ATTENTION: { label: 'Needs attention', tone: 'danger' },
  INACTIVE: { label: 'Inactive', tone: 'neutral' },
  DELETED: { label: 'Deleted', tone: 'neutral' },
  CANCELED: { label: 'Canceled', tone: 'neutral' },
};

const normalize = (state: string) => state.trim().toUpperCase().replace(/[\s-]+/g, '_');

/** "SOME_STATE" -> "Some state", for states this table does not know yet. */
function sentenceCase(key: string): string {
  const words = key.toLowerCase().split('_').filter(Boolean).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function stateLabel(state: string): string {
  const key = normalize(state);
  return STATES[key]?.label ?? sentenceCase(key);
}

export function StateBadge({ state }: { state: string }) {
  const key = normalize(state);
  const style = STATES[key] ?? { label: sentenceCase(key), tone: 'neutral' };
  return (
    <Badge tone={style.tone} dot={style.transitional ? 'pulse' : true}>
      {style.label}
    </Badge>
  );
}
