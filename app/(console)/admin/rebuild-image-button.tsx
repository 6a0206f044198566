'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { rebuildRuntimeImageAction } from '@/server/actions/admin/rebuild-runtime-image';

/** Builds a missing runtime image, or rebuilds a present one without the cache; progress shows under Image builds. */
export function RebuildImageButton({ slug, present, building }: { slug: string; present: boolean; building: boolean }) {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, start] = useTransition();
  const rebuild = () =>
    start(async () => {
      const result = await rebuildRuntimeImageAction({ slug });
      if (!result.ok) {
        toast({ variant: 'error', title: `Could not rebuild ${slug}`, description: result.error });
        return;
      }
      toast({ variant: 'success', title: `${present ? 'Rebuilding' : 'Building'} ${slug}`, description: 'Progress is under Image builds. Running deployments keep their image.' });
      router.refresh();
    });
  return (
    <Button
      size="sm"
      variant="secondary"
      onClick={rebuild}
      disabled={pending || building}
      aria-label={`${present ? 'Rebuild' : 'Build'} ${slug}`}
      title={present ? 'Build again without the layer cache, with the Debian packages’ current versions' : undefined}
    >
      {building ? 'Building…' : pending ? 'Starting…' : present ? 'Rebuild' : 'Build'}
    </Button>
  );
}
