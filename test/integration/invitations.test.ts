import { AuditedWriter, DynamoMembershipRepository, DynamoRoleRepository } from '@rapport/data';
import { ALL_PERMISSIONS, createInviteAcceptance, createUserService, INVITE_VALIDITY_DAYS, InviteGoneError, newId, systemClock, type Actor, type Clock } from '@rapport/domain';
import { CognitoIdentityProvider } from '@rapport/identity';
import { FileMailer } from '@rapport/mail';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inviteTokenFor } from '../support/invitations';
import { createTestResources, type TestResources } from '../support/test-stack';

/**
 * Invitation expiry needs time to pass, which HTTP cannot ask for: these tests drive the same
 * use-cases the handlers call, with real repositories and Cognito, and a clock of their own.
 */
let resources: TestResources;
let deps: Parameters<typeof createUserService>[0];
const mailDir = mkdtempSync(join(tmpdir(), 'rapport-invites-'));
const request = { requestId: 'req', sourceIp: '127.0.0.1', userAgent: 'vitest' };
const clockAt = (offsetMs: number): Clock => ({ now: () => new Date(Date.now() + offsetMs) });

beforeAll(async () => {
  resources = await createTestResources();
  const writer = new AuditedWriter({ client: resources.documents, tableName: resources.tableName, clock: systemClock });
  const table = { client: resources.documents, tableName: resources.tableName, writer };
  deps = {
    membershipsFor: (tenantId) => new DynamoMembershipRepository(table, tenantId),
    rolesFor: (tenantId) => new DynamoRoleRepository(table, tenantId),
    identity: new CognitoIdentityProvider({ client: resources.cognito, ...resources.pool }),
    mailer: new FileMailer({ directory: mailDir, from: 'no-reply@rapport.test' }),
    clock: systemClock,
    appUrl: 'http://app.rapport.test',
  };
});

function anOwner(): Actor {
  return {
    auth: { tenantId: newId(), userId: newId(), sub: 'sub', role: 'owner', permissions: ALL_PERMISSIONS },
    request,
  };
}

describe('an invitation', () => {
  it('works until it expires, and is refused with 410 after', async () => {
    // Prepare
    const email = `late-${Date.now()}@example.com`;
    await createUserService(deps, anOwner()).invite({ email, name: 'Late', roleId: 'sales_rep' });
    const token = inviteTokenFor(mailDir, email);
    const later = createInviteAcceptance({ ...deps, clock: clockAt(INVITE_VALIDITY_DAYS * 86_400_000 + 60_000) });

    // Act
    const attempt = later.accept({ token, password: 'Late-Passw0rd1' }, request);

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(InviteGoneError);
    await expect(attempt).rejects.toMatchObject({ details: { reason: 'expired' } });
    expect(await deps.identity.findUser(email)).toBeNull();
    const inTime = createInviteAcceptance({ ...deps, clock: clockAt(INVITE_VALIDITY_DAYS * 86_400_000 - 60_000) });
    await expect(inTime.accept({ token, password: 'Late-Passw0rd1' }, request)).resolves.toHaveProperty('userId');
  });

  it('is taken back when its email cannot be sent', async () => {
    const owner = anOwner();
    const failing = createUserService({ ...deps, mailer: { send: () => Promise.reject(new Error('injected: SES down')) } }, owner);

    await expect(failing.invite({ email: `unsent-${Date.now()}@example.com`, name: 'Unsent', roleId: 'read_only' })).rejects.toThrow('injected');

    expect(await createUserService(deps, owner).list()).toEqual([]);
  });
});
