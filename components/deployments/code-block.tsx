import { CopyButton } from '@/components/ui/copy-button';

/** A sample to read and copy; `label` names it for the copy button ("Copy curl sample"). */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <div className="relative rounded-md border border-gray-200 bg-gray-50">
      <div className="absolute top-1.5 right-1.5">
        <CopyButton text={code} label={`Copy ${label}`} variant="secondary" />
      </div>
      <pre aria-label={label} className="overflow-x-auto p-3 pr-20 font-mono text-xs leading-relaxed text-gray-800">
        <code>{code}</code>
      </pre>
    </div>
  );
}
