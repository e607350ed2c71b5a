import { beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../support/api-client';
import { inviteTokenFor } from '../support/invitations';
import { useTestApi } from '../support/test-stack';

/** A used or expired invitation says whom to ask for a new one; a forged one says nothing. */
const stack = useTestApi();
let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;

beforeAll(async () => {
  owner = await stack.api.newTenant({ name: 'Olive Owner' });
});

async function invite(token: string, name: string) {
  const email = `${name.toLowerCase().replace(/\W/g, '-')}-${Date.now()}@example.com`;
  const invited = await stack.api.request('POST', '/v1/users', { token, body: { email, name, roleId: 'read_only' } });
  expect(invited.status, JSON.stringify(invited.body)).toBe(201);
  return inviteTokenFor(stack.mailDir, email);
}

const accept = (token: string, password = 'Invitee-Passw0rd') => stack.api.request('POST', '/v1/auth/accept-invite', { body: { token, password } });

describe('POST /v1/auth/accept-invite with a link that no longer works', () => {
  it('names the inviter of a used invitation', async () => {
    // Prepare
    const token = await invite(owner.token, 'Una Used');
    expect((await accept(token)).status).toBe(200);

    // Act
    const again = await accept(token, 'Another-Passw0rd');

    // Assess
    expect(again.status).toBe(410);
    expect(again.body.error).toMatchObject({ code: 'INVITE_GONE', details: { reason: 'used', askFor: { who: 'inviter', names: ['Olive Owner'] } } });
  });

  it("names the workspace's owners when the inviter is no longer a member", async () => {
    // Prepare: an admin invites, then leaves the workspace.
    const admin = await joinAs(stack.api, owner.token, stack.mailDir, 'admin', inviteTokenFor);
    const token = await invite(admin.token, 'Gina Gone');
    expect((await accept(token)).status).toBe(200);
    const removed = await stack.api.request('DELETE', `/v1/users/${admin.userId}`, { token: owner.token });
    expect(removed.status, JSON.stringify(removed.body)).toBe(204);

    // Act
    const again = await accept(token, 'Another-Passw0rd');

    // Assess
    expect(again.status).toBe(410);
    expect(again.body.error.details).toEqual({ reason: 'used', askFor: { who: 'owners', names: ['Olive Owner'] } });
  });

  it('says nothing about the workspace for a forged token', async () => {
    // Act
    const forged = await accept(`${owner.tenantId}.${'A'.repeat(43)}`);
    const malformed = await accept('not-a-token');

    // Assess
    expect(forged.status).toBe(410);
    expect(forged.body.error.details).toEqual({ reason: 'unknown' });
    expect(malformed.body.error.details ?? {}).not.toHaveProperty('askFor');
    expect(JSON.stringify(forged.body)).not.toContain('Olive Owner');
  });
});
