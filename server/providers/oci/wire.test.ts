import { describe, expect, it } from 'vitest';
import { convertStringToType } from 'oci-common';
import { iso } from './wire';

describe('iso', () => {
  it('reads the text oci-common makes of a last-modified header, at every hour of the day', () => {
    for (let hour = 0; hour < 24; hour++) {
      const sent = new Date(Date.UTC(2026, 11, 2, hour, 26, 52));
      const sdkText = convertStringToType(sent.toUTCString(), 'Date') as string;
      expect(iso(sdkText)).toBe(sent.toISOString());
    }
  });

  it('passes RFC 3339 text and Dates through, and gives no time for text that is none', () => {
    expect(iso('2026-12-02T03:04:05.678Z')).toBe('2026-12-02T03:04:05.678Z');
    expect(iso(new Date(Date.UTC(2026, 0, 1)))).toBe('2026-01-01T00:00:00.000Z');
    expect(iso('not a time')).toBe('');
    expect(iso(undefined)).toBe('');
  });
});
