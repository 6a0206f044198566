import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { IamResourceType, IamVerb } from '@/server/domain/iam';
import { timestamp } from './columns';

// Users of this installation. The first is the administrator, created by the first start with
// the installation's user OCID (so what the console created before sign-in existed stays theirs).
export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email'),
    description: text('description').notNull().default(''),
    /** argon2id; null until the user has set a password (a first-run or reset link). */
    passwordHash: text('password_hash'),
    lifecycleState: text('lifecycle_state').$type<'ACTIVE' | 'INACTIVE'>().notNull().default('ACTIVE'),
    timeCreated: timestamp('time_created').notNull(),
    timePasswordChanged: timestamp('time_password_changed'),
    timeLastSignIn: timestamp('time_last_sign_in'),
  },
  (t) => [uniqueIndex('users_name_idx').on(t.name)],
);

export const groups = sqliteTable(
  'groups',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** The card's groups (Administrators, Ops, DataScientists, Viewers): renaming or deleting them is refused. */
    builtIn: integer('built_in', { mode: 'boolean' }).notNull().default(false),
    timeCreated: timestamp('time_created').notNull(),
  },
  (t) => [uniqueIndex('groups_name_idx').on(t.name)],
);

export const groupMembers = sqliteTable(
  'group_members',
  {
    groupId: text('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('group_members_user_idx').on(t.userId)],
);

/** One policy statement: allow group to verb resource-type in compartment (and below it). */
export const grants = sqliteTable(
  'grants',
  {
    id: text('id').primaryKey(),
    groupId: text('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
    verb: text('verb').$type<IamVerb>().notNull(),
    resourceType: text('resource_type').$type<IamResourceType>().notNull(),
    compartmentId: text('compartment_id').notNull(),
    timeCreated: timestamp('time_created').notNull(),
  },
  (t) => [index('grants_group_idx').on(t.groupId), index('grants_compartment_idx').on(t.compartmentId)],
);

// Server-side sessions. The cookie holds a random token; only its SHA-256 is stored, so a copy of
// the database signs nobody in.
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    timeCreated: timestamp('time_created').notNull(),
    timeLastSeen: timestamp('time_last_seen').notNull(),
    /** The absolute end, however active the session is. */
    timeExpires: timestamp('time_expires').notNull(),
    address: text('address').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** One-time sign-in links (the first start's, a password reset's): hashed, short-lived, used once. */
export const signInTokens = sqliteTable('sign_in_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  purpose: text('purpose').$type<'first-run' | 'reset'>().notNull(),
  timeCreated: timestamp('time_created').notNull(),
  timeExpires: timestamp('time_expires').notNull(),
  timeUsed: timestamp('time_used'),
});

/** Failed sign-ins, kept for the rate limit's window (per user name and per address). */
export const signInFailures = sqliteTable(
  'sign_in_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userName: text('user_name').notNull(),
    address: text('address').notNull(),
    time: timestamp('time').notNull(),
  },
  (t) => [index('sign_in_failures_user_idx').on(t.userName, t.time), index('sign_in_failures_address_idx').on(t.address, t.time)],
);

/** API signing keys as OCI has them: up to three a user, named by the MD5 fingerprint of the DER key. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** OCI's form: 16 colon-separated hex pairs, lowercase. */
    fingerprint: text('fingerprint').notNull(),
    publicKeyPem: text('public_key_pem').notNull(),
    timeCreated: timestamp('time_created').notNull(),
  },
  (t) => [uniqueIndex('api_keys_user_fingerprint_idx').on(t.userId, t.fingerprint)],
);

// The audit log: append-only (nothing updates or deletes a row), one event per change, sign-in,
// failed sign-in and secret reveal, with who, what, when, from where and how it ended.
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: text('event_id').notNull(),
    time: timestamp('time').notNull(),
    /** The user OCID; null for an unknown caller (a failed sign-in with a name that does not exist). */
    principalId: text('principal_id'),
    principalName: text('principal_name').notNull(),
    /** OCI's operation name where one exists (CreateModelDeployment), else the console's (SignIn). */
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull().default(''),
    resourceId: text('resource_id'),
    compartmentId: text('compartment_id'),
    address: text('address').notNull().default(''),
    requestId: text('request_id').notNull().default(''),
    outcome: text('outcome').$type<'SUCCEEDED' | 'FAILED' | 'DENIED'>().notNull(),
    /** The error code when not SUCCEEDED, or a short note (the grant as a statement). */
    detail: text('detail').notNull().default(''),
  },
  (t) => [
    index('audit_events_time_idx').on(t.time),
    index('audit_events_resource_idx').on(t.resourceId, t.time),
    index('audit_events_principal_idx').on(t.principalId, t.time),
  ],
);
