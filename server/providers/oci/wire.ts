// The SDK's models and Berth's domain shapes are the same JSON (server/domain/oci-types.ts
// follows oci-datascience field for field); they differ only in TypeScript: the SDK types times as
// Date (its parser leaves the wire's RFC 3339 text) and enums as TS enums. These two functions
// are the one place that crosses between the two typings.

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) out[k] = plain(v);
    return out;
  }
  return value;
}

/** An SDK answer as the domain shape: times as RFC 3339 text, absent fields left out. */
export function fromSdk<T>(value: object): T {
  return plain(value) as T;
}

/** A domain request body as the SDK's model type (same JSON, enums as their string values). */
export function toSdk<T>(value: object): T {
  return value as T;
}

/** RFC 3339 text of a time the SDK may give as a Date or leave as text. */
export function iso(value: Date | string | undefined | null): string {
  if (!value) return '';
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
