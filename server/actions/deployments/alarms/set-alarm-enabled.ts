'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { alarmsServiceOf } from '@/server/services/alarms/for-context';
import { ocidSchema } from '@/server/validation/common';
import { runAction } from '../../run-action';

const schema = z.object({ alarmId: ocidSchema('alarm'), isEnabled: z.boolean({ error: 'Enabled must be true or false.' }) });

export async function setAlarmEnabledAction(input: unknown) {
  const result = await runAction(schema, input, async ({ alarmId, isEnabled }, ctx) => (await alarmsServiceOf(ctx)).setEnabled(alarmId, isEnabled));
  if (result.ok) revalidatePath(`/model-deployments/${result.data.modelDeploymentId}`);
  return result;
}
