import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { sniffZip, zipSignatureIssue } from './zip-signature';

async function realZip(): Promise<Uint8Array> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from('def load_model():\n    return 1\n'), 'score.py');
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

const bytes = (...b: number[]) => new Uint8Array(b);

describe('sniffZip', () => {
  it('accepts a real zip and an empty one', async () => {
    expect(sniffZip((await realZip()).slice(0, 262))).toEqual({ zip: true });
    expect(sniffZip(bytes(0x50, 0x4b, 0x05, 0x06, 0, 0))).toEqual({ zip: true });
  });

  it('names the formats people rename to .zip', () => {
    expect(sniffZip(bytes(0x1f, 0x8b, 0x08, 0))).toEqual({ zip: false, looksLike: 'a gzip file (.gz, .tar.gz)' });
    expect(sniffZip(bytes(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c))).toMatchObject({ looksLike: 'a 7-Zip archive' });
    const tar = new Uint8Array(512);
    tar.set(new TextEncoder().encode('ustar'), 257);
    expect(sniffZip(tar)).toMatchObject({ looksLike: 'a tar archive' });
    expect(sniffZip(new TextEncoder().encode('def predict(data):\n'))).toMatchObject({ looksLike: 'a text file' });
    expect(sniffZip(bytes(0x00, 0x01, 0xff))).toEqual({ zip: false, looksLike: null });
    expect(sniffZip(bytes())).toEqual({ zip: false, looksLike: null });
  });
});

describe('zipSignatureIssue', () => {
  it('says what the file is and what to do', () => {
    expect(zipSignatureIssue('model.zip', bytes(0x1f, 0x8b))).toBe(
      '"model.zip" is not a zip archive: it is a gzip file (.gz, .tar.gz). Make the artifact with zip (or "Compress" in a file manager) and choose that file.',
    );
    expect(zipSignatureIssue('x.zip', bytes(0x50, 0x4b, 0x03, 0x04))).toBeNull();
  });
});
