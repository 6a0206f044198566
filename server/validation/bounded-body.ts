// A request body read within a limit, for every route that takes one (the console's API and the
// OCI-compatible front doors): refused on its declared length before a byte is read, and as soon
// as the bytes that came pass the limit, so a huge body is never buffered.

/** The body's bytes; 'too-large' past maxBytes; 'broken' when the stream failed before its end. */
export async function readBounded(req: Request, maxBytes: number): Promise<Uint8Array | 'too-large' | 'broken'> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) return 'too-large';
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch {
      return 'broken';
    }
    if (step.done) break;
    size += step.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(step.value);
  }
  return Buffer.concat(chunks, size);
}
