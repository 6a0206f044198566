'use server';

import { addUserToGroup } from '@/server/services/identity/admin/users';
import { membershipSchema } from '@/server/validation/identity-admin';
import { runAdminAction } from './run-admin-action';

export async function addGroupMemberAction(input: unknown) {
  return runAdminAction(membershipSchema, input, (data, scope) => addUserToGroup(scope, data.userId, data.groupId));
}
