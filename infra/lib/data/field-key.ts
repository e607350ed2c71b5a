import { RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * Exactly what envelope encryption of personal fields calls: `GenerateDataKey` (AES_256) for a
 * tenant's new data key, `Decrypt` to unwrap it, `ReEncrypt*` to rewrap it when the key rotates.
 * Listed one by one: no `GenerateDataKey*` (no `WithoutPlaintext`, no key pairs), no `Encrypt`.
 */
export const FIELD_KEY_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'] as const;

/** The encryption context key every field-key call must carry; it binds a wrapped data key to its tenant. */
export const FIELD_KEY_CONTEXT_KEY = 'tenantId';

export interface FieldKeyProps {
  stage: string;
}

/**
 * The customer-managed key that wraps each tenant's data keys (which encrypt personal fields in the
 * table). Separate from the table key: the table key protects the table at rest for DynamoDB, this
 * one is only ever called by the functions that handle personal fields, always with the tenant as
 * encryption context, so CloudTrail shows which tenant every unwrap was for.
 */
export class FieldKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: FieldKeyProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      alias: `alias/rapport-${props.stage}-field-keys`,
      description: `Rapport ${props.stage}: wraps the per-tenant data keys of personal fields (envelope encryption)`,
      enableKeyRotation: true,
      // Deleting it would make every wrapped data key, and with them all personal fields, unreadable.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Lets a grantee wrap, unwrap and rewrap data keys under this key, and only with a `tenantId`
   * encryption context: a call without one is denied, so no data key can be wrapped for no tenant.
   */
  grantEnvelopeEncryption(grantee: IGrantable): void {
    this.#grant(grantee, FIELD_KEY_ACTIONS);
  }

  /**
   * Only unwrapping a tenant's existing data keys (`kms:Decrypt`, with a `tenantId` context): for
   * functions that read encrypted values but never create or rotate a key (the webhook dispatcher).
   */
  grantUnwrap(grantee: IGrantable): void {
    this.#grant(grantee, ['kms:Decrypt']);
  }

  #grant(grantee: IGrantable, actions: readonly string[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [...actions],
        resources: [this.key.keyArn],
        conditions: { Null: { [`kms:EncryptionContext:${FIELD_KEY_CONTEXT_KEY}`]: 'false' } },
      }),
    );
  }
}
