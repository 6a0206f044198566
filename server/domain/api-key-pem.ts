import crypto from 'node:crypto';
import { apiKeyFingerprint } from './api-key-fingerprint';
import { domainError, err, ok, type DomainError, type Result } from './result';

// What OCI accepts as an API signing key: an RSA public key of 2048 bits or more, in PEM. Both
// PEM forms a user is likely to have are taken: SubjectPublicKeyInfo ("PUBLIC KEY", what
// `openssl rsa -pubout` writes) and PKCS#1 ("RSA PUBLIC KEY"). Pure: node:crypto only parses.

export const MIN_API_KEY_BITS = 2048;
/** Past this a key is no signing key anyone uses, and parsing it costs for nothing. */
export const MAX_API_KEY_BITS = 16384;
export const MAX_API_KEY_PEM_CHARS = 16_000;

export interface ParsedApiKey {
  /** The key again as SPKI PEM, whichever form was given: what is stored and what signatures are checked against. */
  publicKeyPem: string;
  fingerprint: string;
  bits: number;
}

const PRIVATE_KEY = /-----BEGIN (?:RSA |EC |DSA |ENCRYPTED |OPENSSH )?PRIVATE KEY-----/;
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

const invalid = (message: string): DomainError => domainError('InvalidParameter', message, { publicKeyPem: message });

/** The key a user pasted or uploaded, checked; a private key among it is refused before anything else. */
export function parseApiKeyPem(text: string): Result<ParsedApiKey, DomainError> {
  if (PRIVATE_KEY.test(text)) {
    return err(invalid('This is a private key. Paste the public key instead (openssl rsa -in key.pem -pubout); the private key stays with you and was not stored.'));
  }
  if (/^\s*ssh-rsa\s/.test(text)) return err(invalid('This is an OpenSSH public key. OCI takes a PEM key: convert it with ssh-keygen -f key.pub -e -m PKCS8.'));
  const blocks = [...text.matchAll(PEM_BLOCK)];
  if (blocks.length === 0) return err(invalid('No PEM key found: the text must hold -----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----.'));
  if (blocks.length > 1) return err(invalid('More than one PEM block: paste one public key.'));
  const [block] = blocks;
  const label = block?.[1] ?? '';
  if (label !== 'PUBLIC KEY' && label !== 'RSA PUBLIC KEY') return err(invalid(`A PEM "${label}" is not a public key: paste a PUBLIC KEY or RSA PUBLIC KEY block.`));
  let key: crypto.KeyObject;
  try {
    key = crypto.createPublicKey({ key: block?.[0] ?? '', format: 'pem' });
  } catch {
    return err(invalid('The PEM block does not decode as a public key: it may be cut short or altered.'));
  }
  const type = key.asymmetricKeyType;
  if (type !== 'rsa') return err(invalid(`OCI signs with RSA keys; this key is ${type ? type.toUpperCase() : 'of an unknown type'}.`));
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_API_KEY_BITS) return err(invalid(`The key has ${bits} bits; OCI needs at least ${MIN_API_KEY_BITS}.`));
  if (bits > MAX_API_KEY_BITS) return err(invalid(`The key has ${bits} bits; at most ${MAX_API_KEY_BITS} are accepted.`));
  const publicKeyPem = key.export({ type: 'spki', format: 'pem' }).toString();
  return ok({ publicKeyPem, fingerprint: apiKeyFingerprint(publicKeyPem), bits });
}
