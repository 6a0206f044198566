'use server';

import { revalidatePath } from 'next/cache';
import { createProjectSchema } from '@/server/validation/project';
import { runAction } from '../run-action';

export async function createProjectAction(input: unknown) {
  const result = await runAction(createProjectSchema, input, (details, { projects }) => projects.create(details));
  if (result.ok) revalidatePath('/projects', 'layout');
  return result;
}
