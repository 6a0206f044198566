'use client';

import { Field } from '@/components/ui/field';
import { formatBytes } from '@/server/domain/bytes';

export interface ArtifactFileFieldProps {
  file: File | null;
  maxArtifactBytes: number;
  error?: string | undefined;
  disabled?: boolean;
  onChange: (file: File | null) => void;
}

export function ArtifactFileField({ file, maxArtifactBytes, error, disabled, onChange }: ArtifactFileFieldProps) {
  return (
    <Field
      label="Model artifact"
      required
      {...(error ? { error } : {})}
      hint={file ? `${file.name}, ${formatBytes(file.size)}. The limit is ${formatBytes(maxArtifactBytes)}.` : `A .zip file of at most ${formatBytes(maxArtifactBytes)}.`}
    >
      <input
        type="file"
        accept=".zip,application/zip,application/x-zip-compressed"
        disabled={disabled}
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
        className="focus-ring block w-full rounded-md text-sm text-gray-700 file:mr-3 file:h-8 file:cursor-pointer file:rounded-md file:border file:border-gray-300 file:bg-white file:px-3 file:text-sm file:font-medium file:text-gray-800 hover:file:bg-gray-50 disabled:opacity-55 aria-[invalid=true]:text-red-700"
      />
    </Field>
  );
}
