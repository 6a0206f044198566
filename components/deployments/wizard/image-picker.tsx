'use client';

import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { formatBytes } from '@/server/domain/bytes';
import type { LocalImage } from '@/server/domain/editor-options';
import { Note } from './form-section';

export interface ImagePickerProps {
  images: readonly LocalImage[];
  imagesError: string | null;
  /** This machine's Docker engine, or the context's container registry (OCIR). */
  source?: 'engine' | 'registry';
  image: string;
  imageDigest: string;
  onChange: (image: string, imageDigest: string) => void;
  error?: string;
}

const shortDigest = (digest: string) => digest.replace(/^sha256:/, '').slice(0, 12);

const HINTS = {
  engine: {
    none: 'No images of your own on this machine yet. Build one first, for example: docker build -t my-model-server:1 .',
    some: 'Images of this machine’s Docker engine (the console’s own runtime images are not listed).',
    missing: 'not on this machine',
  },
  registry: {
    none: 'No images in the container registry of this tenancy yet. Push one first, for example: docker push <region key>.ocir.io/<namespace>/my-model-server:1',
    some: 'Images in OCI Container Registry, with the digest that pins each.',
    missing: 'not in the registry',
  },
} as const;

/**
 * The images of this machine's Docker engine or of the context's registry, by repository:tag.
 * Choosing one records its digest, so the deployment keeps running exactly this build even if
 * the tag moves.
 */
export function ImagePicker({ images, imagesError, source = 'engine', image, imageDigest, onChange, error }: ImagePickerProps) {
  const hints = HINTS[source];
  const known = images.some((i) => i.reference === image && (!imageDigest || i.digest === imageDigest));
  // A deployment's image that is no longer here stays listed, so editing other fields keeps it.
  const options = [
    ...(image && !known ? [{ value: `${image}|${imageDigest}`, label: `${image}${imageDigest ? ` (${shortDigest(imageDigest)})` : ''}, current, ${hints.missing}` }] : []),
    ...images.map((i) => ({ value: `${i.reference}|${i.digest}`, label: `${i.reference} (${shortDigest(i.digest)}${i.sizeBytes > 0 ? `, ${formatBytes(i.sizeBytes)}` : ''})` })),
  ];
  return (
    <div className="flex flex-col gap-2">
      {imagesError && <Note tone="warning">{imagesError}</Note>}
      <Field
        label="Image"
        required
        error={error}
        hint={
          images.length === 0 && !imagesError ? hints.none : hints.some
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
