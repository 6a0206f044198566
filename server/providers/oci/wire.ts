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

// oci-common turns a Date header (last-modified) into text of its own: local time's fields with a
// "Z", the hour not padded ("2026-12-02T0:26:52Z"), which no Date parser reads for hours 0 to 9.
const SDK_HEADER_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{1,2}):(\d{2}):(\d{2})Z$/;

/** RFC 3339 text of a time the SDK may give as a Date, as wire text, or as its header text. */
export function iso(value: Date | string | undefined | null): string {
  if (!value) return '';
  if (value instanceof Date) return value.toISOString();
  const header = SDK_HEADER_TIME.exec(value);
  if (header) {
    const [y, mo, d, h, mi, s] = header.slice(1).map(Number) as [number, number, number, number, number, number];
    // Read back as the local time the SDK wrote, so the instant is right whatever TZ is.
    return new Date(y, mo - 1, d, h, mi, s).toISOString();
  }
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? '' : parsed.toISOString();
}
