import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

// opc-retry-token of the OCI-compatible API: the first answer to a create or action, kept 24 h, so
// the same token and body gets it again and the same token with another body a 409. A row without
// an answer yet is a request still running with that token.
export const retryTokens = sqliteTable(
  'oci_retry_tokens',
  {
    userId: text('user_id').notNull(),
    token: text('token').notNull(),
    /** The SDK's operation name plus the path's resource, so one token cannot mean two operations. */
    operation: text('operation').notNull(),
    /** SHA-256 of the request body (hex). */
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status'),
    responseHeaders: text('response_headers', { mode: 'json' }).$type<Record<string, string>>(),
    responseBody: text('response_body'),
    timeCreated: timestamp('time_created').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.token] }), index('oci_retry_tokens_time_idx').on(t.timeCreated)],
);
