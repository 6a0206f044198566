import { cn } from '@/components/ui/cn';
import type { ChecklistItem, ChecklistStatus } from '@/server/domain/artifact-checklist';

const LOOK: Record<ChecklistStatus, { word: string; glyph: string; className: string }> = {
  pass: { word: 'Pass', glyph: '✓', className: 'bg-green-50 text-green-800 ring-green-600/30' },
  warning: { word: 'Warning', glyph: '!', className: 'bg-amber-50 text-amber-800 ring-amber-600/30' },
  failure: { word: 'Failure', glyph: '✕', className: 'bg-red-50 text-red-800 ring-red-600/30' },
};

/** The artifact checks, each with an icon and its status in words, and the reason. */
export function ArtifactChecklist({ items }: { items: readonly ChecklistItem[] }) {
  return (
    <ul aria-label="Artifact checks" className="flex flex-col divide-y divide-gray-100">
      {items.map((item) => {
        const look = LOOK[item.status];
        return (
          <li key={item.id} className="flex items-start gap-3 py-2">
            <span
              className={cn('mt-0.5 inline-flex w-24 shrink-0 items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', look.className)}
            >
              <span aria-hidden="true" className="w-3 text-center font-bold">
                {look.glyph}
              </span>
              {look.word}
            </span>
            <div className="min-w-0 flex-1">
              <p className="text-sm font-medium text-gray-900">{item.label}</p>
              <p className="text-sm break-words text-gray-600">{item.reason}</p>
              {item.hint && <p className="text-sm text-gray-800">What to do: {item.hint}</p>}
              {item.excerpt && (
                <pre className="mt-1 max-h-48 overflow-auto rounded bg-gray-900 p-2 text-xs whitespace-pre-wrap text-gray-100">{item.excerpt}</pre>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
