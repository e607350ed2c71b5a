import { DynamoBehaviourRepository, DynamoIngestKeyLookup, DynamoIngestKeyRepository } from '@rapport/data';
import { createBehaviourService, createIngestKeyService, hashIngestSecret, type Actor, type IngestKey, type RequestMeta } from '@rapport/domain';
import { UnauthenticatedError } from '@rapport/http';
import { createFieldCipher } from '@rapport/crypto';
import { createCommonRuntime, oncePerContainer, type CommonRuntime } from './common';
import { createKeyring } from './keyring';

/** Behaviour events sent with a workspace's ingest key, and the keys themselves. */
export interface BehaviourRuntime extends CommonRuntime {
  ingestKeysFor(actor: Actor): ReturnType<typeof createIngestKeyService>;
  behaviourFor(key: IngestKey, request: RequestMeta): ReturnType<typeof createBehaviourService>;
}

export function createBehaviourRuntime(environment: NodeJS.ProcessEnv): BehaviourRuntime {
  const common = createCommonRuntime(environment);
  const { table, clock, auditLog } = common;
  const keyring = createKeyring(common);
  const ingestKeys = new DynamoIngestKeyLookup(table);
  return {
    ...common,
    authenticateIngestKey: async (secret) => {
      const key = await ingestKeys.findBySecretHash(hashIngestSecret(secret));
      if (!key) throw new UnauthenticatedError('The ingest key is not valid: it may have been revoked');
      return key;
    },
    ingestKeysFor: (actor) => createIngestKeyService({ keys: new DynamoIngestKeyRepository(table, actor.auth.tenantId), clock }, actor),
    behaviourFor: (key, request) =>
      createBehaviourService(
        { behaviour: new DynamoBehaviourRepository(table, key.tenantId), cipher: createFieldCipher(keyring, key.tenantId), auditLog, clock },
        key,
        request,
      ),
  };
}

export const behaviourRuntime = oncePerContainer(createBehaviourRuntime);
