'use server';

import { createGroup } from '@/server/services/identity/admin/groups';
import { createGroupSchema } from '@/server/validation/identity-admin';
import { runAdminAction } from './run-admin-action';

export async function createGroupAction(input: unknown) {
  return runAdminAction(createGroupSchema, input, (data, scope) => createGroup(scope, data));
}
