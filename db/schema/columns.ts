import { sql } from 'drizzle-orm';
import { text } from 'drizzle-orm/sqlite-core';
import type { DefinedTags, FreeformTags } from '@/server/domain/oci-types';

// Times are RFC 3339 strings from Date.toISOString(): they sort as text and go on the wire as is.
export const timestamp = (name: string) => text(name);

export const tagColumns = () => ({
  freeformTags: text('freeform_tags', { mode: 'json' }).$type<FreeformTags>().notNull().default(sql`'{}'`),
  definedTags: text('defined_tags', { mode: 'json' }).$type<DefinedTags>().notNull().default(sql`'{}'`),
});
