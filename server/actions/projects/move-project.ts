'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ocidSchema } from '@/server/validation/common';
import { runAction } from '../run-action';

const schema = z.object({ projectId: ocidSchema('datascienceproject'), compartmentId: ocidSchema('compartment') });

export async function moveProjectAction(input: unknown) {
  const result = await runAction(schema, input, ({ projectId, compartmentId }, { projects }) =>
    projects.move(projectId, compartmentId),
  );
  if (result.ok) revalidatePath('/projects', 'layout');
  return result;
}
