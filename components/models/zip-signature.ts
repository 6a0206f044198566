// A chosen artifact is checked in the browser as soon as it is chosen: a zip starts with a local
// file header ("PK\3\4"), or is an empty archive ("PK\5\6"). A .zip name on another format (a
// renamed tarball) is named at once, not after the upload.

const KNOWN: { name: string; test: (b: Uint8Array) => boolean }[] = [
  { name: 'a gzip file (.gz, .tar.gz)', test: (b) => b[0] === 0x1f && b[1] === 0x8b },
  { name: 'a 7-Zip archive', test: (b) => b[0] === 0x37 && b[1] === 0x7a && b[2] === 0xbc && b[3] === 0xaf },
  { name: 'a RAR archive', test: (b) => b[0] === 0x52 && b[1] === 0x61 && b[2] === 0x72 && b[3] === 0x21 },
  { name: 'a bzip2 file', test: (b) => b[0] === 0x42 && b[1] === 0x5a && b[2] === 0x68 },
  { name: 'an xz file', test: (b) => b[0] === 0xfd && b[1] === 0x37 && b[2] === 0x7a && b[3] === 0x58 },
  { name: 'a PDF document', test: (b) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 },
  { name: 'a tar archive', test: (b) => b.length >= 262 && String.fromCharCode(...b.slice(257, 262)) === 'ustar' },
];

/** The first bytes to read: enough for the tar signature at offset 257. */
export const SIGNATURE_BYTES = 262;

export type ZipSignature = { zip: true } | { zip: false; looksLike: string | null };

export function sniffZip(head: Uint8Array): ZipSignature {
  const pk = head[0] === 0x50 && head[1] === 0x4b;
  if (pk && ((head[2] === 0x03 && head[3] === 0x04) || (head[2] === 0x05 && head[3] === 0x06))) return { zip: true };
  const known = KNOWN.find((k) => k.test(head));
  if (known) return { zip: false, looksLike: known.name };
  const printable = head.length > 0 && head.slice(0, 64).every((c) => c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c < 0x7f));
  return { zip: false, looksLike: printable ? 'a text file' : null };
}

/** What to tell the user about a chosen file that is not a zip; null when it is one. */
export function zipSignatureIssue(fileName: string, head: Uint8Array): string | null {
  const s = sniffZip(head);
  if (s.zip) return null;
  const what = s.looksLike ? `it is ${s.looksLike}` : 'its first bytes are not those of a zip archive';
  return `"${fileName}" is not a zip archive: ${what}. Make the artifact with zip (or "Compress" in a file manager) and choose that file.`;
}
