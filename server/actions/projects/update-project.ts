'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ocidSchema } from '@/server/validation/common';
import { updateProjectSchema } from '@/server/validation/project';
import { runAction } from '../run-action';

const schema = z.object({ projectId: ocidSchema('datascienceproject'), details: updateProjectSchema });

export async function updateProjectAction(input: unknown) {
  const result = await runAction(schema, input, ({ projectId, details }, { projects }) => projects.update(projectId, details));
  if (result.ok) revalidatePath('/projects', 'layout');
  return result;
}
