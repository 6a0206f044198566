import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { PreflightItem, PreflightVerdict } from '@/server/domain/promotion-preflight';

const TONE: Record<PreflightVerdict, BadgeTone> = { pass: 'success', warn: 'warning', fail: 'danger' };
const WORD: Record<PreflightVerdict, string> = { pass: 'Pass', warn: 'Warning', fail: 'Fail' };

/** The pre-flight's items, each with its verdict in words (not colour alone). */
export function PreflightList({ items }: { items: readonly PreflightItem[] }) {
  return (
    <ul aria-label="Pre-flight" className="flex flex-col divide-y divide-gray-100 rounded border border-gray-200">
      {items.map((i) => (
        <li key={i.id} aria-label={`${i.label}: ${WORD[i.verdict]}`} className="flex flex-col gap-1 px-3 py-2 text-sm">
          <span className="flex items-center justify-between gap-2">
            <span className="font-medium text-gray-900">{i.label}</span>
            <Badge tone={TONE[i.verdict]}>{WORD[i.verdict]}</Badge>
          </span>
          <span className="text-gray-700 [overflow-wrap:anywhere]">{i.detail}</span>
        </li>
      ))}
    </ul>
  );
}
