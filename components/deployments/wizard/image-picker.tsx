'use client';

import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import type { LocalImage } from '@/server/domain/editor-options';
import { Note } from './form-section';

export interface ImagePickerProps {
  images: readonly LocalImage[];
  imagesError: string | null;
  image: string;
  imageDigest: string;
  onChange: (image: string, imageDigest: string) => void;
  error?: string;
}

const shortDigest = (digest: string) => digest.replace(/^sha256:/, '').slice(0, 12);
const size = (bytes: number) => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`);

/**
 * The images of this machine's Docker engine, by repository:tag. Choosing one records its image
 * id as the digest, so the deployment keeps running exactly this build even if the tag moves.
 */
export function ImagePicker({ images, imagesError, image, imageDigest, onChange, error }: ImagePickerProps) {
  const known = images.some((i) => i.reference === image && (!imageDigest || i.digest === imageDigest));
  // A deployment's image that is no longer here stays listed, so editing other fields keeps it.
  const options = [
    ...(image && !known ? [{ value: `${image}|${imageDigest}`, label: `${image}${imageDigest ? ` (${shortDigest(imageDigest)})` : ''}, current, not on this machine` }] : []),
    ...images.map((i) => ({ value: `${i.reference}|${i.digest}`, label: `${i.reference} (${shortDigest(i.digest)}, ${size(i.sizeBytes)})` })),
  ];
  return (
    <div className="flex flex-col gap-2">
      {imagesError && <Note tone="warning">{imagesError}</Note>}
      <Field
        label="Image"
        required
        error={error}
        hint={
          images.length === 0 && !imagesError
            ? 'No images of your own on this machine yet. Build one first, for example: docker build -t my-model-server:1 .'
            : 'Images of this machine’s Docker engine (the console’s own runtime images are not listed).'
        }
      >
        <Select
          name="image"
          value={image ? `${image}|${imageDigest}` : ''}
          placeholder="Select an image"
          options={options}
          onChange={(e) => {
            const [ref = '', digest = ''] = e.target.value.split('|');
            onChange(ref, digest);
          }}
        />
      </Field>
      {imageDigest && (
        <p className="text-xs break-all text-gray-600">
          Digest <span className="font-mono">{imageDigest}</span>: the deployment runs this exact build.
        </p>
      )}
    </div>
  );
}
