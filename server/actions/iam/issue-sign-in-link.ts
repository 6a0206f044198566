'use server';

import { issueSignInLink } from '@/server/services/identity/admin/users';
import { userIdSchema } from '@/server/validation/identity-admin';
import { runAdminAction } from './run-admin-action';

export async function issueSignInLinkAction(input: unknown) {
  return runAdminAction(userIdSchema, input, (data, scope) => issueSignInLink(scope, data.userId));
}
