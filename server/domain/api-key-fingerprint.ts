import crypto from 'node:crypto';

// OCI names an API signing key by the MD5 of its DER-encoded public key (SubjectPublicKeyInfo),
// as 16 colon-separated lowercase hex pairs: what `openssl rsa -pubout -outform DER | openssl md5
// -c` prints, and what a keyId's last part carries.
export function apiKeyFingerprint(publicKeyPem: string): string {
  const der = crypto.createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return (crypto.createHash('md5').update(der).digest('hex').match(/../g) ?? []).join(':');
}
