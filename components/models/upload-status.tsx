'use client';

import { ProgressBar } from '@/components/ui/progress-bar';
import { Spinner } from '@/components/ui/spinner';
import { formatBytes } from '@/server/domain/bytes';

export type UploadPhase =
  | { kind: 'idle' }
  | { kind: 'uploading'; loaded: number; total: number }
  | { kind: 'checking' }
  | { kind: 'done' }
  | { kind: 'failed' };

/** What the upload is doing right now, in words and with a real progress bar. */
export function UploadStatus({ phase, fileName }: { phase: UploadPhase; fileName: string }) {
  if (phase.kind === 'idle' || phase.kind === 'failed') return null;
  return (
    <div className="flex flex-col gap-1.5 rounded-lg border border-gray-200 bg-white p-3" aria-live="polite">
      {phase.kind === 'uploading' ? (
        <>
          <p className="text-sm text-gray-800">
            Uploading {fileName}: {formatBytes(phase.loaded)} of {formatBytes(phase.total)}
          </p>
          <ProgressBar label="Upload progress" value={phase.loaded} max={Math.max(1, phase.total)} showValue />
        </>
      ) : (
        <p className="flex items-center gap-2 text-sm text-gray-800">
          <Spinner />
          {phase.kind === 'checking' ? 'Upload complete. Unpacking the artifact and running its load_model() in the runtime image…' : 'Model created. Opening it…'}
        </p>
      )}
    </div>
  );
}
