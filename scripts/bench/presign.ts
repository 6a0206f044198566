import crypto from 'node:crypto';

// Predict requests signed ahead of a measurement, as oci-common's DefaultRequestSigner signs a
// POST (x-date, (request-target), host, content-type, content-length, x-content-sha256), so the
// load generator's RSA signing is not in what is measured. Signing runs in libuv's thread pool.

export interface PresignKey {
  /** tenancy OCID / user OCID / fingerprint */
  keyId: string;
  privateKey: crypto.KeyObject;
}

export interface Presigned {
  headers: string[];
  body: Buffer;
}

const SIGNED = 'x-date (request-target) host content-type content-length x-content-sha256';

function signAsync(text: string, key: crypto.KeyObject): Promise<Buffer> {
  return new Promise((resolve, reject) => crypto.sign('sha256', Buffer.from(text), key, (err, sig) => (err ? reject(err) : resolve(sig))));
}

/** One signed request per body; `host` must be what the client sends (127.0.0.1:<port>). */
export async function presign(key: PresignKey, host: string, path: string, bodies: readonly Buffer[]): Promise<Presigned[]> {
  const date = new Date().toUTCString();
  return Promise.all(
    bodies.map(async (body) => {
      const sha = crypto.createHash('sha256').update(body).digest('base64');
      const text = [`x-date: ${date}`, `(request-target): post ${path}`, `host: ${host}`, 'content-type: application/json', `content-length: ${body.length}`, `x-content-sha256: ${sha}`].join('\n');
      const signature = (await signAsync(text, key.privateKey)).toString('base64');
      const authorization = `Signature version="1",keyId="${key.keyId}",algorithm="rsa-sha256",headers="${SIGNED}",signature="${signature}"`;
      return { body, headers: ['content-type', 'application/json', 'accept', 'application/json', 'x-date', date, 'x-content-sha256', sha, 'authorization', authorization] };
    }),
  );
}

/** What crypto.verify alone costs on this machine (µs CPU per RSA-2048 verify of a signing string). */
export async function verifyFloorUs(key: PresignKey & { publicKey: crypto.KeyObject }, count: number): Promise<{ verifyUs: number; sha256Us: number }> {
  const texts = Array.from({ length: count }, (_, i) => Buffer.from(`x-date: ${new Date().toUTCString()}\n(request-target): post /predict\nhost: 127.0.0.1\nrequest: ${i}`));
  const signatures = await Promise.all(texts.map((t) => signAsync(t.toString(), key.privateKey)));
  const body = Buffer.alloc(1100, 'x');
  const t0 = process.cpuUsage();
  texts.forEach((t, i) => {
    if (!crypto.verify('sha256', t, { key: key.publicKey, padding: crypto.constants.RSA_PKCS1_PADDING }, signatures[i] as Buffer)) throw new Error('a signature did not verify');
  });
  const v = process.cpuUsage(t0);
  const t1 = process.cpuUsage();
  for (let i = 0; i < count * 10; i++) crypto.createHash('sha256').update(body).digest('base64');
  const h = process.cpuUsage(t1);
  return { verifyUs: (v.user + v.system) / count, sha256Us: (h.user + h.system) / (count * 10) };
}
