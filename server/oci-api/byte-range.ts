import { Readable } from 'node:stream';

// One byte range of a download (`range: bytes=a-b`, `bytes=a-`, `bytes=-n`), as OCI serves
// GetModelArtifactContent: 206 with content-range, or 416 when it lies outside the file.

export type ByteRange = { start: number; end: number };

/** null: no range asked (or a form this does not serve: several ranges), so the whole file. */
export function parseByteRange(header: string | null, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  // oci-common writes an open end as the text "null" (`bytes=100-null`): read it as absent.
  const m = /^bytes=(\d*|null)-(\d*|null)$/.exec(header.trim().replace(/null/g, ''));
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** The bytes start..end (inclusive) of a stream; leaving the loop early destroys the source. */
export function sliceStream(source: Readable, range: ByteRange): Readable {
  async function* take(): AsyncGenerator<Buffer> {
    let position = 0;
    for await (const chunk of source) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      const from = Math.max(0, range.start - position);
      const to = Math.min(buf.length, range.end + 1 - position);
      position += buf.length;
      if (to > from) yield buf.subarray(from, to);
      if (position > range.end) return;
    }
  }
  return Readable.from(take());
}
