'use server';

import { deleteGroup } from '@/server/services/identity/admin/groups';
import { groupIdSchema } from '@/server/validation/identity-admin';
import { runAdminAction } from './run-admin-action';

export async function deleteGroupAction(input: unknown) {
  return runAdminAction(groupIdSchema, input, (data, scope) => deleteGroup(scope, data.groupId));
}
