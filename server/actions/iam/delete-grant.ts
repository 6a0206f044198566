'use server';

import { deleteGrant } from '@/server/services/identity/admin/grants';
import { grantIdSchema } from '@/server/validation/identity-admin';
import { runAdminAction } from './run-admin-action';

export async function deleteGrantAction(input: unknown) {
  return runAdminAction(grantIdSchema, input, (data, scope) => deleteGrant(scope, data.grantId));
}
