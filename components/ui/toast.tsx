'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { cn } from './cn';

export type ToastVariant = 'success' | 'error' | 'info';

export interface ToastOptions {
  title: string;
  description?: string;
  variant?: ToastVariant;
  /** A toast with the same key replaces this one, and dismiss(key) removes it before its time. */
  key?: string;
}

interface ToastItem extends Required<Pick<ToastOptions, 'title' | 'variant'>> {
  id: number;
  description?: string;
  key?: string;
}

interface ToastApi {
  toast: (options: ToastOptions) => void;
  /** Removes the toast shown under `key`, if any: news that is no longer true. */
  dismiss: (key: string) => void;
}

const ToastContext = createContext<ToastApi | null>(null);
const DISMISS_AFTER_MS = 5000;

/** `const { toast } = useToast(); toast({ title: 'Project created', variant: 'success' })` */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast must be used inside <ToastProvider>');
  return api;
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setItems((list) => list.filter((t) => t.id !== id)), []);
  const toast = useCallback((o: ToastOptions) => {
    const id = nextId.current++;
    const item: ToastItem = { id, title: o.title, description: o.description, variant: o.variant ?? 'info', ...(o.key ? { key: o.key } : {}) };
    setItems((list) => [...list.filter((t) => o.key === undefined || t.key !== o.key), item]);
  }, []);
  const dismissKey = useCallback((key: string) => setItems((list) => (list.some((t) => t.key === key) ? list.filter((t) => t.key !== key) : list)), []);
  const api = useMemo(() => ({ toast, dismiss: dismissKey }), [toast, dismissKey]);

  return (
    <ToastContext.Provider value={api}>
      {children}
      {/* The live region is always mounted so screen readers announce toasts added later. */}
      <div
        role="status"
        aria-live="polite"
        aria-label="Notifications"
        className="pointer-events-none fixed right-4 bottom-4 z-[60] flex w-80 max-w-[calc(100vw-2rem)] flex-col gap-2"
      >
        {items.map((t) => (
          <ToastView key={t.id} item={t} onDismiss={dismiss} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

const accents: Record<ToastVariant, { border: string; icon: string; glyph: string }> = {
  success: { border: 'border-l-green-600', icon: 'text-green-700', glyph: '✓' },
  error: { border: 'border-l-red-600', icon: 'text-red-700', glyph: '!' },
  info: { border: 'border-l-accent-600', icon: 'text-accent-700', glyph: 'i' },
};

function ToastView({ item, onDismiss }: { item: ToastItem; onDismiss: (id: number) => void }) {
  const [paused, setPaused] = useState(false);

  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(() => onDismiss(item.id), DISMISS_AFTER_MS);
    return () => clearTimeout(timer);
  }, [paused, item.id, onDismiss]);

  const a = accents[item.variant];
  return (
    <div
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
      className={cn(
        'pointer-events-auto flex items-start gap-2.5 rounded-md border border-l-4 border-gray-200 bg-white px-3 py-2.5 shadow-lg motion-safe:animate-fade-in',
        a.border,
      )}
    >
      <span aria-hidden="true" className={cn('mt-px w-3 text-center text-sm font-bold', a.icon)}>
        {a.glyph}
      </span>
      <div className="min-w-0 flex-1">
        <p className="text-sm font-semibold text-gray-900">
          {item.variant === 'error' && <span className="sr-only">Error: </span>}
          {item.title}
        </p>
        {item.description && <p className="mt-0.5 text-sm break-words text-gray-700">{item.description}</p>}
      </div>
      <button
        type="button"
        aria-label="Dismiss notification"
        onClick={() => onDismiss(item.id)}
        className="focus-ring -mr-1 inline-flex size-6 shrink-0 items-center justify-center rounded text-gray-500 hover:bg-gray-100 hover:text-gray-800"
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.75">
          <path d="M4 4l8 8M12 4l-8 8" strokeLinecap="round" />
        </svg>
      </button>
    </div>
  );
}
