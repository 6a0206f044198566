'use server';

import { createGrant } from '@/server/services/identity/admin/grants';
import { createGrantSchema } from '@/server/validation/identity-admin';
import { runAdminAction } from './run-admin-action';

export async function createGrantAction(input: unknown) {
  return runAdminAction(createGrantSchema, input, (data, scope) => createGrant(scope, data));
}
