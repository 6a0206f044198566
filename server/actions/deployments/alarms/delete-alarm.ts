'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { alarmsServiceOf } from '@/server/services/alarms/for-context';
import { ocidSchema } from '@/server/validation/common';
import { runAction } from '../../run-action';

const schema = z.object({ alarmId: ocidSchema('alarm') });

export async function deleteAlarmAction(input: unknown) {
  const result = await runAction(schema, input, async ({ alarmId }, ctx) => (await alarmsServiceOf(ctx)).remove(alarmId));
  if (result.ok) revalidatePath(`/model-deployments/${result.data.modelDeploymentId}`);
  return result;
}
