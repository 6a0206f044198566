'use server';

import { updateGroup } from '@/server/services/identity/admin/groups';
import { updateGroupSchema } from '@/server/validation/identity-admin';
import { runAdminAction } from './run-admin-action';

export async function updateGroupAction(input: unknown) {
  return runAdminAction(updateGroupSchema, input, (data, scope) => updateGroup(scope, data));
}
