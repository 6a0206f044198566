import { useId, type ReactNode } from 'react';

/** One titled part of the wizard, in OCI's order; a landmark-free region named by its heading. */
export function FormSection({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="flex flex-col gap-4 rounded-lg border border-gray-200 bg-white p-5">
      <div>
        <h2 id={id} className="text-base font-semibold text-gray-900">
          {title}
        </h2>
        {description && <div className="mt-0.5 text-sm text-gray-600">{description}</div>}
      </div>
      {children}
    </section>
  );
}

/** A short explanation beside a choice: what will happen, in the user's terms. */
export function Note({ tone = 'info', children }: { tone?: 'info' | 'warning' | 'danger'; children: ReactNode }) {
  const tones = {
    info: 'border-gray-200 bg-gray-50 text-gray-700',
    warning: 'border-amber-200 bg-amber-50 text-amber-900',
    danger: 'border-red-200 bg-red-50 text-red-800',
  } as const;
  return <div className={`rounded-md border px-3 py-2 text-sm ${tones[tone]}`}>{children}</div>;
}
