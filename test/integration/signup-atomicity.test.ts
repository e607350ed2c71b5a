import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetCommand, ScanCommand, TransactWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AuditedWriter, DynamoAuditLog, DynamoLoginAttemptStore, DynamoMembershipRepository, DynamoRoleRepository, DynamoTenantRepository } from '@rapport/data';
import { createSessionService, createSignupService, EmailTakenError, ORPHANED_IDENTITY_AGE_MS, systemClock, type Clock, type IdentityProvider } from '@rapport/domain';
import { CognitoIdentityProvider } from '@rapport/identity';
import { localClientConfig } from '@rapport/local';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { aSignup } from '../support/api-client';
import { createTestResources, type TestResources } from '../support/test-stack';

let resources: TestResources;
let identity: CognitoIdentityProvider;
let tenants: DynamoTenantRepository;
let writer: AuditedWriter;
const request = { requestId: 'req-1', sourceIp: '127.0.0.1', userAgent: 'vitest' };

const clockAt = (offsetMs: number): Clock => ({ now: () => new Date(Date.now() + offsetMs) });

/** A document client whose transactions fail, as if the table were unavailable mid-signup. */
function failingTransactions() {
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(resources.engines.dynamodb)));
  const mock = mockClient(documents);
  mock.on(TransactWriteCommand).rejects(new Error('injected: TransactWriteItems failed'));
  mock.on(GetCommand).resolves({});
  const writer = new AuditedWriter({ client: documents, tableName: resources.tableName, clock: systemClock });
  return new DynamoTenantRepository({ client: documents, tableName: resources.tableName, writer });
}

async function itemsInTable() {
  const { Items = [] } = await resources.documents.send(new ScanCommand({ TableName: resources.tableName }));
  return Items;
}

async function cognitoUserExists(email: string) {
  return resources.cognito
    .send(new AdminGetUserCommand({ UserPoolId: resources.pool.userPoolId, Username: email }))
    .then(() => true, () => false);
}

beforeAll(async () => {
  resources = await createTestResources();
  identity = new CognitoIdentityProvider({ client: resources.cognito, ...resources.pool });
  writer = new AuditedWriter({ client: resources.documents, tableName: resources.tableName, clock: systemClock });
  tenants = new DynamoTenantRepository({ client: resources.documents, tableName: resources.tableName, writer });
});

describe('signup across Cognito and DynamoDB', () => {
  it('deletes the Cognito user again when the table write fails, leaving nothing behind', async () => {
    // Prepare
    const signup = aSignup();
    const service = createSignupService({ identity, tenants: failingTransactions(), clock: clockAt(0) });
    const itemsBefore = (await itemsInTable()).length;

    // Act
    const attempt = service.signUp(signup, request);

    // Assess
    await expect(attempt).rejects.toThrow('injected');
    expect(await cognitoUserExists(signup.email)).toBe(false);
    expect(await itemsInTable()).toHaveLength(itemsBefore);
  });

  it('writes nothing to the table when the Cognito user cannot be completed, and removes the half-made user', async () => {
    // Prepare: Cognito fails to set the password after creating the user.
    const cognito = new CognitoIdentityProviderClient(localClientConfig(resources.engines.cognito));
    const real = new CognitoIdentityProviderClient(localClientConfig(resources.engines.cognito));
    const mock = mockClient(cognito);
    mock.on(AdminCreateUserCommand).callsFake((input) => real.send(new AdminCreateUserCommand(input)));
    mock.on(AdminDeleteUserCommand).callsFake((input) => real.send(new AdminDeleteUserCommand(input)));
    mock.on(AdminSetUserPasswordCommand).rejects(new Error('injected: password could not be set'));
    const flakyIdentity = new CognitoIdentityProvider({ client: cognito, ...resources.pool });
    const service = createSignupService({ identity: flakyIdentity, tenants, clock: clockAt(0) });
    const signup = aSignup();
    const itemsBefore = (await itemsInTable()).length;

    // Act
    const attempt = service.signUp(signup, request);

    // Assess
    await expect(attempt).rejects.toThrow('injected');
    expect(await cognitoUserExists(signup.email)).toBe(false);
    expect(await itemsInTable()).toHaveLength(itemsBefore);
  });

  it('repairs an identity orphaned by a failed rollback when the same email signs up again later', async () => {
    // Prepare: the table write fails and so does the rollback, leaving an orphaned Cognito user.
    const signup = aSignup();
    const rollbackFailures: unknown[] = [];
    const brokenRollback: IdentityProvider = {
      createUser: (input) => identity.createUser(input),
      findUser: (email) => identity.findUser(email),
      deleteUser: () => Promise.reject(new Error('injected: delete failed')),
      disableUser: (email) => identity.disableUser(email),
      enableUser: (email) => identity.enableUser(email),
      logIn: (email, password) => identity.logIn(email, password),
      refresh: (token) => identity.refresh(token),
      changePassword: (accessToken, previous, proposed) => identity.changePassword(accessToken, previous, proposed),
      signOutEverywhere: (email) => identity.signOutEverywhere(email),
      revokeRefreshToken: (token) => identity.revokeRefreshToken(token),
    };
    await expect(
      createSignupService({
        identity: brokenRollback,
        tenants: failingTransactions(),
        clock: clockAt(0),
        onRollbackFailure: (error) => rollbackFailures.push(error),
      }).signUp(signup, request),
    ).rejects.toThrow('injected');
    expect(rollbackFailures).toHaveLength(1);
    expect(await cognitoUserExists(signup.email)).toBe(true);

    // Act: a retry right away is refused (the first signup might still be in flight)...
    const tooSoon = createSignupService({ identity, tenants, clock: clockAt(0) }).signUp(signup, request);
    await expect(tooSoon).rejects.toBeInstanceOf(EmailTakenError);
    // ...and succeeds once the orphan is older than any signup could take.
    const later = await createSignupService({ identity, tenants, clock: clockAt(ORPHANED_IDENTITY_AGE_MS + 60_000) }).signUp(signup, request);

    // Assess: the user now has a tenant and can use it.
    const { sub } = await identity.logIn(signup.email, signup.password);
    const session = createSessionService({
      identity,
      tenants,
      rolesFor: (tenantId) => new DynamoRoleRepository({ client: resources.documents, tableName: resources.tableName, writer }, tenantId),
      membershipsFor: (tenantId) => new DynamoMembershipRepository({ client: resources.documents, tableName: resources.tableName, writer }, tenantId),
      auditLog: new DynamoAuditLog(writer),
      clock: systemClock,
      loginAttempts: new DynamoLoginAttemptStore({ client: resources.documents, tableName: resources.tableName }),
    });
    const caller = await session.resolve(sub);
    expect(caller).toMatchObject({ tenantId: later.tenantId, userId: later.userId, role: 'owner' });
  });

  it('never treats a complete account as an orphan', async () => {
    const signup = aSignup();
    await createSignupService({ identity, tenants, clock: clockAt(0) }).signUp(signup, request);

    const again = createSignupService({ identity, tenants, clock: clockAt(ORPHANED_IDENTITY_AGE_MS * 10) }).signUp(signup, request);

    await expect(again).rejects.toBeInstanceOf(EmailTakenError);
    expect((await identity.logIn(signup.email, signup.password)).tokens).toHaveProperty('accessToken');
  });
});
