'use server';

import { moveCompartment } from '@/server/services/identity/admin/compartments';
import { moveCompartmentSchema } from '@/server/validation/identity-admin';
import { runAdminAction } from './run-admin-action';

export async function moveCompartmentAction(input: unknown) {
  return runAdminAction(moveCompartmentSchema, input, (data, scope) => moveCompartment(scope, data), 'layout');
}
