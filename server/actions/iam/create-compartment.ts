'use server';

import { createCompartment } from '@/server/services/identity/admin/compartments';
import { createCompartmentSchema } from '@/server/validation/identity-admin';
import { runAdminAction } from './run-admin-action';

export async function createCompartmentAction(input: unknown) {
  return runAdminAction(createCompartmentSchema, input, (data, scope) => createCompartment(scope, data), 'layout');
}
