'use server';

import { createUser } from '@/server/services/identity/admin/users';
import { createUserSchema } from '@/server/validation/identity-admin';
import { runAdminAction } from './run-admin-action';

/** The answer carries the one-time sign-in link's path: shown once, never stored in the clear. */
export async function createUserAction(input: unknown) {
  return runAdminAction(createUserSchema, input, (data, scope) => createUser(scope, data));
}
