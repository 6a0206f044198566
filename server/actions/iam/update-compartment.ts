'use server';

import { updateCompartment } from '@/server/services/identity/admin/compartments';
import { updateCompartmentSchema } from '@/server/validation/identity-admin';
import { runAdminAction } from './run-admin-action';

/** Rename and describe. */
export async function updateCompartmentAction(input: unknown) {
  return runAdminAction(updateCompartmentSchema, input, (data, scope) => updateCompartment(scope, data), 'layout');
}
