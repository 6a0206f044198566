'use server';

import { deleteCompartment } from '@/server/services/identity/admin/compartments';
import { compartmentIdSchema } from '@/server/validation/identity-admin';
import { runAdminAction } from './run-admin-action';

export async function deleteCompartmentAction(input: unknown) {
  return runAdminAction(compartmentIdSchema, input, (data, scope) => deleteCompartment(scope, data.compartmentId), 'layout');
}
