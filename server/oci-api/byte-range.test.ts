import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseByteRange, sliceStream } from './byte-range';

describe('parseByteRange', () => {
  it('reads the forms a client sends, oci-common\'s "null" end included', () => {
    expect(parseByteRange('bytes=10-29', 100)).toEqual({ start: 10, end: 29 });
    expect(parseByteRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=90-null', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
  });
  it('serves the whole file without a range, and refuses one outside it', () => {
    expect(parseByteRange(null, 100)).toBeNull();
    expect(parseByteRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseByteRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=20-10', 100)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=-0', 100)).toBe('unsatisfiable');
  });
});

describe('sliceStream', () => {
  it('takes the range across chunk boundaries', async () => {
    const text = '0123456789abcdefghijklmnopqrstuvwxyz';
    const chunks = [text.slice(0, 7), text.slice(7, 15), text.slice(15)].map((t) => Buffer.from(t));
    const out: Buffer[] = [];
    for await (const c of sliceStream(Readable.from(chunks), { start: 5, end: 20 })) out.push(c as Buffer);
    expect(Buffer.concat(out).toString()).toBe(text.slice(5, 21));
  });
});
