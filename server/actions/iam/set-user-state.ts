'use server';

import { setUserState } from '@/server/services/identity/admin/users';
import { userStateSchema } from '@/server/validation/identity-admin';
import { runAdminAction } from './run-admin-action';

/** Deactivate (ending the user's sessions) or reactivate. */
export async function setUserStateAction(input: unknown) {
  return runAdminAction(userStateSchema, input, (data, scope) => setUserState(scope, data.userId, data.state));
}
