/**
 * Signs digests. In AWS the key never leaves KMS; locally it is a key file. Either way the
 * signature is ECDSA P-256 over SHA-256, DER-encoded, so one verifier (node:crypto with the public
 * key's PEM) checks both.
 */
export interface DigestSigner {
  /** Names the key in each digest, so a verifier knows which public key to use. */
  readonly keyId: string;
  /** The algorithm, as a digest records it (`ECDSA_SHA_256`). */
  readonly algorithm: string;
  /** A signature over `data` (which the signer hashes with SHA-256). */
  sign(data: Buffer): Promise<Buffer>;
  /** The public key (SPKI, PEM) that verifies this signer's signatures. */
  publicKeyPem(): Promise<string>;
}
