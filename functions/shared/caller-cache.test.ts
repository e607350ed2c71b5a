import { MembershipInactiveError, type AuthContext, type Clock } from '@rapport/domain';
import { describe, expect, it } from 'vitest';
import { CALLER_STALENESS_MS, cacheCallers } from './caller-cache';

/** A clock the test moves by hand. */
function manualClock(start = Date.UTC(2026, 0, 1)) {
  let time = start;
  const clock: Clock = { now: () => new Date(time) };
  return { clock, advance: (ms: number) => (time += ms) };
}

const caller = (sub: string, role = 'sales_rep'): AuthContext => ({ tenantId: 'T', userId: `U-${sub}`, sub, role, permissions: ['contacts:read'] });

/** A membership store whose answers the test changes, counting reads. */
function memberships() {
  const roles = new Map<string, string | null>();
  let reads = 0;
  return {
    set: (sub: string, role: string | null) => roles.set(sub, role),
    reads: () => reads,
    resolve: async (sub: string) => {
      reads++;
      const role = roles.get(sub);
      if (!role) throw new MembershipInactiveError();
      return caller(sub, role);
    },
  };
}

describe('the caller cache', () => {
  it('reuses a caller for requests starting less than 5 s after the read, and reads again from 5 s on', async () => {
    // Prepare
    const { clock, advance } = manualClock();
    const store = memberships();
    store.set('alice', 'sales_rep');
    const resolve = cacheCallers(store.resolve, { clock });
    await resolve('alice');

    // Act: the role changes right after the read.
    store.set('alice', 'read_only');
    advance(CALLER_STALENESS_MS - 1);
    const justBefore = await resolve('alice');
    advance(1);
    const atTheBound = await resolve('alice');

    // Assess
    expect(justBefore.role).toBe('sales_rep');
    expect(atTheBound.role).toBe('read_only');
    expect(store.reads()).toBe(2);
  });

  it('counts the bound from when the read began, however long the read took', async () => {
    // Prepare: a read that takes 2 s.
    const { clock, advance } = manualClock();
    const store = memberships();
    store.set('bob', 'admin');
    const resolve = cacheCallers(async (sub) => {
      const answer = await store.resolve(sub);
      advance(2_000);
      return answer;
    }, { clock });
    await resolve('bob');
    store.set('bob', 'read_only');

    // Act
    advance(CALLER_STALENESS_MS - 2_000);
    const afterBound = await resolve('bob');

    // Assess
    expect(afterBound.role).toBe('read_only');
  });

  it('keeps no refusal: a disabled caller is read again on every request, and re-enabled at once', async () => {
    // Prepare
    const { clock } = manualClock();
    const store = memberships();
    const resolve = cacheCallers(store.resolve, { clock });

    // Act + Assess
    await expect(resolve('carol')).rejects.toBeInstanceOf(MembershipInactiveError);
    await expect(resolve('carol')).rejects.toBeInstanceOf(MembershipInactiveError);
    store.set('carol', 'support_agent');
    expect((await resolve('carol')).role).toBe('support_agent');
    expect(store.reads()).toBe(3);
  });

  it('shares one read between concurrent requests of one caller, and keeps callers apart', async () => {
    // Prepare
    const { clock } = manualClock();
    const store = memberships();
    store.set('dave', 'marketer');
    store.set('erin', 'owner');
    const resolve = cacheCallers(store.resolve, { clock });

    // Act
    const answers = await Promise.all([resolve('dave'), resolve('dave'), resolve('erin'), resolve('dave')]);

    // Assess
    expect(answers.map((answer) => answer.role)).toEqual(['marketer', 'marketer', 'owner', 'marketer']);
    expect(store.reads()).toBe(2);
  });

  it('holds at most maxEntries callers, dropping the least recently used', async () => {
    // Prepare
    const { clock } = manualClock();
    const store = memberships();
    for (const sub of ['a', 'b', 'c']) store.set(sub, 'read_only');
    const resolve = cacheCallers(store.resolve, { clock, maxEntries: 2 });

    // Act
    await resolve('a');
    await resolve('b');
    await resolve('a');
    await resolve('c');
    await resolve('a');
    await resolve('b');

    // Assess: a and b, then c pushed b out; a was still held, b was read again.
    expect(store.reads()).toBe(4);
  });
});
