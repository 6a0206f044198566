'use server';

import { removeUserFromGroup } from '@/server/services/identity/admin/users';
import { membershipSchema } from '@/server/validation/identity-admin';
import { runAdminAction } from './run-admin-action';

export async function removeGroupMemberAction(input: unknown) {
  return runAdminAction(membershipSchema, input, (data, scope) => removeUserFromGroup(scope, data.userId, data.groupId));
}
