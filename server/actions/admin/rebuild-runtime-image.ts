'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { RUNTIME_ENVIRONMENTS } from '@/server/domain/runtimes';
import { startRuntimeImageRebuild } from '@/server/services/image-builds';
import { runAction } from '../run-action';

const slugs = RUNTIME_ENVIRONMENTS.map((r) => r.slug);
const schema = z.object({
  slug: z.string().refine((s) => slugs.includes(s), { message: `One of ${slugs.join(', ')}` }),
});

/** Rebuilds a runtime image without the layer cache; the build runs on after this returns. */
export async function rebuildRuntimeImageAction(input: unknown) {
  const result = await runAction(schema, input, ({ slug }, ctx) => startRuntimeImageRebuild(ctx, slug));
  if (result.ok) revalidatePath('/admin');
  return result;
}
