import { cn } from '@/components/ui/cn';

export interface TagListProps {
  freeformTags?: Record<string, string> | null;
  /** Values are unknown because OCI's defined tags may hold non-string JSON. */
  definedTags?: Record<string, Record<string, unknown>> | null;
  className?: string;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v) ?? '';
}

export function TagList({ freeformTags, definedTags, className }: TagListProps) {
  const chips = [
    ...Object.entries(definedTags ?? {}).flatMap(([ns, tags]) =>
      Object.entries(tags).map(([key, value]) => ({ id: `d:${ns}.${key}`, name: `${ns}.${key}`, value: text(value) })),
    ),
    ...Object.entries(freeformTags ?? {}).map(([key, value]) => ({ id: `f:${key}`, name: key, value })),
  ];
  if (chips.length === 0) return <p className={cn('text-sm text-gray-500', className)}>No tags</p>;
  return (
    <ul aria-label="Tags" className={cn('flex flex-wrap gap-1.5', className)}>
      {chips.map((c) => (
        // A pill wraps at spaces and hyphens, never letter by letter in a narrow cell (break-all did);
        // only a single word longer than the pill's width breaks.
        <li
          key={c.id}
          className="inline-block max-w-[14rem] rounded border border-gray-200 bg-gray-50 px-1.5 py-0.5 text-xs break-words text-gray-800"
        >
          <span className="font-medium">{c.name}:</span> {c.value}
        </li>
      ))}
    </ul>
  );
}
