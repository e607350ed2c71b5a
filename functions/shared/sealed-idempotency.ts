import { createFieldCipher } from '@rapport/crypto';
import type { HttpRuntime } from '@rapport/http';
import { idempotentRuntime } from './idempotency';
import type { CommonRuntime } from './runtime/common';
import { createKeyring } from './runtime/keyring';

/**
 * `idempotentRuntime` for the routes whose answers hold personal fields (those with `fieldKeys`
 * access): the kept answer is encrypted under the tenant's data key, bound to its item, as the
 * records' own fields are, so the table never holds them in clear and crypto-shredding covers it.
 */
export function sealedIdempotentRuntime(runtime: CommonRuntime): HttpRuntime {
  const keyring = createKeyring(runtime);
  return idempotentRuntime(runtime, (tenantId) => createFieldCipher(keyring, tenantId));
}
