import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { KMS_MAX_RAW_MESSAGE_BYTES, KmsDigestSigner } from './kms-digest-signer';
import { SignerMisconfiguredError, SigningError } from './errors';

const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/0f6b7e2c-audit';
const kms = mockClient(KMSClient);

/** The key KMS would hold; the mock signs with it as KMS signs with its own. */
function aP256Key() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicKeyDer: publicKey.export({ format: 'der', type: 'spki' }) };
}

afterEach(() => kms.reset());

describe('KmsDigestSigner', () => {
  it('signs with ECDSA_SHA_256 over the RAW message, on the configured key', async () => {
    // Prepare
    const key = aP256Key();
    kms.on(SignCommand).callsFake(async (input: { Message: Uint8Array }) => ({ KeyId: KEY_ARN, Signature: sign('sha256', input.Message, key.privateKey) }));
    const signer = new KmsDigestSigner({ client: new KMSClient({ region: 'eu-west-1' }), keyId: KEY_ARN });
    const data = Buffer.from('{"version":1}');

    // Act
    const signature = await signer.sign(data);

    // Assess
    expect(kms.commandCalls(SignCommand)).toHaveLength(1);
    expect(kms.commandCalls(SignCommand)[0]!.args[0].input).toEqual({
      KeyId: KEY_ARN,
      Message: data,
      MessageType: 'RAW',
      SigningAlgorithm: 'ECDSA_SHA_256',
    });
    expect(verify('sha256', data, { key: key.publicKeyDer, format: 'der', type: 'spki' }, signature)).toBe(true);
  });

  it('gives a PEM public key that verifies the signatures KMS made', async () => {
    // Prepare
    const key = aP256Key();
    kms.on(SignCommand).callsFake(async (input: { Message: Uint8Array }) => ({ Signature: sign('sha256', input.Message, key.privateKey) }));
    kms.on(GetPublicKeyCommand, { KeyId: KEY_ARN }).resolves({ KeyId: KEY_ARN, KeySpec: 'ECC_NIST_P256', PublicKey: key.publicKeyDer });
    const signer = new KmsDigestSigner({ client: new KMSClient({ region: 'eu-west-1' }), keyId: KEY_ARN });
    const data = Buffer.from('digest body');

    // Act
    const signature = await signer.sign(data);
    const pem = await signer.publicKeyPem();

    // Assess
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(verify('sha256', data, pem, signature)).toBe(true);
    expect(verify('sha256', Buffer.from('another body'), pem, signature)).toBe(false);
  });

  it('sends a message over KMS\'s RAW limit as its SHA-256 digest, so it still verifies as a signature over the message', async () => {
    // Prepare
    const key = aP256Key();
    const data = Buffer.alloc(KMS_MAX_RAW_MESSAGE_BYTES + 1, 'a');
    // KMS signs a DIGEST message as the hash it is; node can only sign the message itself, which gives the same signature.
    kms.on(SignCommand).callsFake(async () => ({ Signature: sign('sha256', data, key.privateKey) }));
    const signer = new KmsDigestSigner({ client: new KMSClient({ region: 'eu-west-1' }), keyId: KEY_ARN });

    // Act
    await signer.sign(data);

    // Assess
    const input = kms.commandCalls(SignCommand)[0]!.args[0].input;
    expect(input.MessageType).toBe('DIGEST');
    expect(Buffer.from(input.Message!)).toEqual(createHash('sha256').update(data).digest());
  });

  it('asks KMS for the public key once', async () => {
    // Prepare
    const key = aP256Key();
    kms.on(GetPublicKeyCommand).resolves({ KeySpec: 'ECC_NIST_P256', PublicKey: key.publicKeyDer });
    const signer = new KmsDigestSigner({ client: new KMSClient({ region: 'eu-west-1' }), keyId: KEY_ARN });

    // Act
    const [first, second] = await Promise.all([signer.publicKeyPem(), signer.publicKeyPem()]);

    // Assess
    expect(first).toBe(second);
    expect(kms.commandCalls(GetPublicKeyCommand)).toHaveLength(1);
  });

  it('refuses a key that is not ECC_NIST_P256', async () => {
    // Prepare
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'der', type: 'spki' });
    kms.on(GetPublicKeyCommand).resolves({ KeySpec: 'RSA_2048', PublicKey: rsa });
    const signer = new KmsDigestSigner({ client: new KMSClient({ region: 'eu-west-1' }), keyId: KEY_ARN });

    // Act + Assess
    await expect(signer.publicKeyPem()).rejects.toBeInstanceOf(SignerMisconfiguredError);
  });

  it('wraps a KMS failure in a SigningError that keeps the cause', async () => {
    // Prepare
    const denied = Object.assign(new Error('User is not authorized to perform kms:Sign'), { name: 'AccessDeniedException' });
    kms.on(SignCommand).rejects(denied);
    const signer = new KmsDigestSigner({ client: new KMSClient({ region: 'eu-west-1' }), keyId: KEY_ARN });

    // Act
    const signing = signer.sign(Buffer.from('x'));

    // Assess
    await expect(signing).rejects.toBeInstanceOf(SigningError);
    await expect(signing).rejects.toMatchObject({ code: 'SIGNING_FAILED', cause: denied });
  });
});
