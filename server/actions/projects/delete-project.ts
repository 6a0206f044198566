'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ocidSchema } from '@/server/validation/common';
import { runAction } from '../run-action';

const schema = z.object({ projectId: ocidSchema('datascienceproject') });

/** Starts the PROJECT_DELETE work request and returns its id for the UI to follow. */
export async function deleteProjectAction(input: unknown) {
  const result = await runAction(schema, input, ({ projectId }, { projects }) => projects.remove(projectId));
  if (result.ok) revalidatePath('/projects', 'layout');
  return result;
}
