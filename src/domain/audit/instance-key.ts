import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { WorkledgerError } from '../errors.js';

/** The instance's Ed25519 public key, as auditors hold it: the key, its PEM and its id. */
export interface AuditPublicKey {
  /** Lowercase hex SHA-256 of the raw 32-byte public key. */
  keyId: string;
  publicKey: KeyObject;
  publicKeyPem: string;
}

/** The instance's signing key: the public half plus the private key kept outside the database. */
export interface InstanceKey extends AuditPublicKey {
  privateKey: KeyObject;
}

/** The key id of an Ed25519 public key: SHA-256 of its raw 32 bytes (the JWK `x`), lowercase hex. */
export function auditKeyId(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  if (publicKey.asymmetricKeyType !== 'ed25519' || typeof jwk.x !== 'string')
    throw new WorkledgerError('VALIDATION', 'the audit key is not an Ed25519 key', 'key');
  return createHash('sha256').update(Buffer.from(jwk.x, 'base64url')).digest('hex');
}

function describe(publicKey: KeyObject): AuditPublicKey {
  return {
    keyId: auditKeyId(publicKey),
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** The instance key from its PKCS#8 PEM text (the key file); VALIDATION when it is not an Ed25519 key. */
export function instanceKeyFromPem(privatePem: string): InstanceKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(privatePem);
  } catch (error) {
    throw new WorkledgerError('VALIDATION', `the audit key file is not a PEM private key (${String(error)})`);
  }
  return { ...describe(createPublicKey(privateKey)), privateKey };
}

/** A public key from SPKI PEM text (what `audit public-key` exports); VALIDATION otherwise. */
export function auditPublicKeyFromPem(publicPem: string): AuditPublicKey {
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(publicPem);
  } catch (error) {
    throw new WorkledgerError('VALIDATION', `not a PEM public key (${String(error)})`, 'public_key');
  }
  return describe(publicKey);
}
