import { DIGEST_SIGNING_ALGORITHM } from '@rapport/audit';
import { RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface DigestSigningKeyProps {
  stage: string;
}

/**
 * The asymmetric KMS key that signs audit digests. Its private half never leaves KMS; anyone holding
 * the public half (`GetPublicKey`, or a copy exported with a digest) can verify a digest offline.
 * Asymmetric keys do not rotate: a new key would be a new construct, with the old one kept to verify
 * what it signed.
 */
export class DigestSigningKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: DigestSigningKeyProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      alias: `alias/rapport-${props.stage}-audit-digests`,
      description: `Rapport ${props.stage}: signs the digests of the audit archive`,
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      // Digests signed with it must stay verifiable for as long as the archive is kept.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Sign with the digests' algorithm (ECDSA over P-256 with SHA-256) only, and read the public key. */
  grantSign(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['kms:Sign'],
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:SigningAlgorithm': DIGEST_SIGNING_ALGORITHM } },
      }),
    );
    this.grantReadPublicKey(grantee);
  }

  grantReadPublicKey(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: ['kms:GetPublicKey'], resources: [this.key.keyArn] }));
  }
}
