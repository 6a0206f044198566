import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { CompartmentLifecycleState } from '@/server/domain/oci-types';
import { tagColumns, timestamp } from './columns';

// The tenancy is the root compartment (compartmentId null); compartments nest under it.
export const compartments = sqliteTable(
  'compartments',
  {
    id: text('id').primaryKey(),
    compartmentId: text('compartment_id'),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    lifecycleState: text('lifecycle_state').$type<CompartmentLifecycleState>().notNull(),
    timeCreated: timestamp('time_created').notNull(),
    ...tagColumns(),
  },
  (t) => [index('compartments_parent_idx').on(t.compartmentId)],
);

// Singletons of this installation: the tenancy, the default compartment and the local user.
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
