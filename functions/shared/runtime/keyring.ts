import { KMSClient } from '@aws-sdk/client-kms';
import { DynamoDataKeyStore } from '@rapport/data';
import { KmsKeyProvider, LocalKeyProvider, TenantKeyring } from '@rapport/crypto';
import type { CommonRuntime } from './common';

/** The tenants' data keys, wrapped by KMS in AWS or by the local master key file locally: for areas that encrypt personal fields. */
export function createKeyring({ env, table, clock }: CommonRuntime): TenantKeyring {
  return new TenantKeyring({
    provider: env.FIELD_KEY_ID
      ? new KmsKeyProvider({ client: new KMSClient({ region: env.AWS_REGION }), keyId: env.FIELD_KEY_ID })
      : new LocalKeyProvider({ masterKeyFile: env.LOCAL_MASTER_KEY_FILE! }),
    store: new DynamoDataKeyStore(table),
    clock,
  });
}
