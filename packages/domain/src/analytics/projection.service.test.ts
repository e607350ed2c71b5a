import { describe, expect, it } from 'vitest';
import type { Actor } from '../shared/auth-context';
import { createAnalyticsService } from './analytics.service';
import { count, type Cell, type Counters, type MetricFamily, type SliceDimension } from './counters';
import type { AnalyticsProjectionStore, AnalyticsReader, ContactAnalyticsState, ProjectionCommit, SourceChange, SourceMarker } from './ports';
import { createAnalyticsProjector } from './projection.service';

const TENANT = 'T1';

/** The projector's store in memory: state by key, aggregates summed as DynamoDB's ADD would. */
function memoryStore() {
  const markers = new Map<string, SourceMarker>();
  const contacts = new Map<string, ContactAnalyticsState>();
  const aggregates: Counters = new Map();
  let commits = 0;
  let raceOnce: (() => void) | undefined;
  const store: AnalyticsProjectionStore & AnalyticsReader = {
    async marker(_t, source) {
      return structuredClone(markers.get(`${source.pk}|${source.sk}`) ?? null);
    },
    async contactState(_t, contactId) {
      return structuredClone(contacts.get(contactId) ?? null);
    },
    async commit(_t, commit: ProjectionCommit) {
      if (raceOnce) {
        const race = raceOnce;
        raceOnce = undefined;
        race();
        return false;
      }
      const key = commit.marker && `${commit.marker.source.pk}|${commit.marker.source.sk}`;
      if (commit.marker && (markers.get(key!)?.version ?? null) !== commit.marker.expectedVersion) return false;
      if (commit.contact && (contacts.get(commit.contact.next.contactId)?.version ?? null) !== commit.contact.expectedVersion) return false;
      if (commit.marker) markers.set(key!, structuredClone(commit.marker.next));
      if (commit.contact) contacts.set(commit.contact.next.contactId, structuredClone(commit.contact.next));
      for (const { cell, counts } of commit.counters.values()) for (const [name, amount] of Object.entries(counts)) count(aggregates, cell, name, amount);
      commits += 1;
      return true;
    },
    async cells(_t, family: MetricFamily, dimension: SliceDimension, from, to) {
      return [...aggregates.values()].filter(({ cell }) => cell.family === family && cell.dimension === dimension && cell.month >= from && cell.month <= to);
    },
  };
  return {
    store,
    aggregates,
    commits: () => commits,
    raceNextCommit: (race: () => void) => {
      raceOnce = race;
    },
    value: (cell: Partial<Cell> & Pick<Cell, 'family' | 'month'>, name: string) =>
      [...aggregates.values()].find(({ cell: c }) => c.family === cell.family && c.month === cell.month && c.dimension === (cell.dimension ?? 'all') && c.value === (cell.value ?? ''))?.counts[name] ?? 0,
  };
}

let sequence = 100;
const change = (source: string, images: { old?: Record<string, unknown>; new?: Record<string, unknown> }, at = String(sequence++)): SourceChange => ({
  tenantId: TENANT,
  source: { pk: source.split('|')[0]!, sk: source.split('|')[1]! },
  sequence: at,
  ...(images.old ? { oldImage: images.old } : {}),
  ...(images.new ? { newImage: images.new } : {}),
});
const contact = (id: string, over: Record<string, unknown> = {}) => ({
  entity: 'contact',
  id,
  createdAt: '2026-01-05T10:00:00.000Z',
  lifecycleStage: 'lead',
  sourceChannel: 'web',
  region: 'north',
  ownerId: 'U1',
  ...over,
});
const order = (contactId: string, id: string, time: string, amountMinor: number, currency = 'EUR') => ({ entity: 'transaction', id, contactId, time, amountMinor, currency });
const actor = { auth: { tenantId: TENANT } } as Actor;
const clock = { now: () => new Date('2026-03-15T00:00:00Z') };

describe('analytics projector', () => {
  it('counts a contact, moves it when its stage and region change, and takes it out when it is deleted', async () => {
    // Prepare
    const memory = memoryStore();
    const projector = createAnalyticsProjector(memory.store);
    const created = contact('C1');
    const converted = contact('C1', { lifecycleStage: 'customer', region: 'south' });

    // Act
    await projector.project(change('P#C1|PROFILE', { new: created }));
    const afterInsert = { north: memory.value({ family: 'contacts', month: '2026-01', dimension: 'region', value: 'north' }, 'contactsCreated') };
    await projector.project(change('P#C1|PROFILE', { old: created, new: converted }));

    // Assess
    expect(afterInsert.north).toBe(1);
    expect(memory.value({ family: 'contacts', month: '2026-01', dimension: 'region', value: 'north' }, 'contactsCreated')).toBe(0);
    expect(memory.value({ family: 'contacts', month: '2026-01', dimension: 'region', value: 'south' }, 'customers')).toBe(1);
    expect(memory.value({ family: 'contacts', month: '2026-01' }, 'customers')).toBe(1);

    await projector.project(change('P#C1|PROFILE', { old: converted }));
    expect(memory.value({ family: 'contacts', month: '2026-01' }, 'contactsCreated')).toBe(0);
    expect(memory.value({ family: 'contacts', month: '2026-01', dimension: 'region', value: 'south' }, 'customers')).toBe(0);
  });

  it('applies a redelivered record once, even after the record that followed it', async () => {
    // Prepare
    const memory = memoryStore();
    const projector = createAnalyticsProjector(memory.store);
    const insert = change('P#C1|PROFILE', { new: contact('C1') });
    const remove = change('P#C1|PROFILE', { old: contact('C1') });
    const orderInsert = change('P#C1|TXN#O1', { new: order('C1', 'O1', '2026-01-10T00:00:00Z', 1000) });

    // Act
    await projector.project(insert);
    await projector.project(orderInsert);
    const again = [await projector.project(insert), await projector.project(orderInsert)];
    await projector.project(remove);
    const replayedInsert = await projector.project(insert);

    // Assess
    expect(again).toEqual(['redelivered', 'redelivered']);
    expect(replayedInsert).toBe('redelivered');
    expect(memory.value({ family: 'contacts', month: '2026-01' }, 'contactsCreated')).toBe(0);
    expect(memory.value({ family: 'customers', month: '2026-01' }, 'revenue#EUR')).toBe(1000);
    expect(memory.value({ family: 'customers', month: '2026-01' }, 'orders')).toBe(1);
  });

  it('keeps customer-level counters exact as orders come and go, and never adds currencies together', async () => {
    // Prepare
    const memory = memoryStore();
    const projector = createAnalyticsProjector(memory.store);
    await projector.project(change('P#C1|PROFILE', { new: contact('C1') }));
    const o1 = order('C1', 'O1', '2026-01-10T00:00:00Z', 1000);
    const o2 = order('C1', 'O2', '2026-02-10T00:00:00Z', 500);
    const o3 = order('C1', 'O3', '2026-02-20T00:00:00Z', 700, 'USD');

    // Act
    for (const [id, image] of [['O1', o1], ['O2', o2], ['O3', o3]] as const) await projector.project(change(`P#C1|TXN#${id}`, { new: image }));

    // Assess: cohort January, retained in February, 3 orders, EUR 15.00 and USD 7.00 apart.
    expect(memory.value({ family: 'customers', month: '2026-01' }, 'newCustomers')).toBe(1);
    expect(memory.value({ family: 'customers', month: '2026-01' }, 'repeatCustomers')).toBe(1);
    expect(memory.value({ family: 'customers', month: '2026-01' }, 'cohortRevenue#EUR')).toBe(1500);
    expect(memory.value({ family: 'customers', month: '2026-01' }, 'cohortRevenue#USD')).toBe(700);
    expect(memory.value({ family: 'customers', month: '2026-02' }, 'retained')).toBe(1);
    expect(memory.value({ family: 'customers', month: '2026-02' }, 'active')).toBe(1);
    expect(memory.value({ family: 'customers', month: '2026-02', dimension: 'owner', value: 'U1' }, 'revenue#EUR')).toBe(500);

    // Act: the January order goes (a deletion): the cohort moves to February, nothing is retained.
    await projector.project(change('P#C1|TXN#O1', { old: o1 }));

    // Assess
    expect(memory.value({ family: 'customers', month: '2026-01' }, 'newCustomers')).toBe(0);
    expect(memory.value({ family: 'customers', month: '2026-01' }, 'active')).toBe(0);
    expect(memory.value({ family: 'customers', month: '2026-02' }, 'newCustomers')).toBe(1);
    expect(memory.value({ family: 'customers', month: '2026-02' }, 'repeatCustomers')).toBe(1);
    expect(memory.value({ family: 'customers', month: '2026-02' }, 'retained')).toBe(0);
    expect(memory.value({ family: 'customers', month: '2026-02' }, 'cohortRevenue#EUR')).toBe(500);
  });

  it('moves a customer\'s order numbers to its new owner when the contact is reassigned', async () => {
    // Prepare
    const memory = memoryStore();
    const projector = createAnalyticsProjector(memory.store);
    await projector.project(change('P#C1|PROFILE', { new: contact('C1') }));
    await projector.project(change('P#C1|TXN#O1', { new: order('C1', 'O1', '2026-01-10T00:00:00Z', 1000) }));

    // Act
    await projector.project(change('P#C1|PROFILE', { old: contact('C1'), new: contact('C1', { ownerId: 'U2' }) }));

    // Assess
    expect(memory.value({ family: 'customers', month: '2026-01', dimension: 'owner', value: 'U1' }, 'revenue#EUR')).toBe(0);
    expect(memory.value({ family: 'customers', month: '2026-01', dimension: 'owner', value: 'U2' }, 'revenue#EUR')).toBe(1000);
  });

  it('writes nothing for a profile change the numbers do not see', async () => {
    const memory = memoryStore();
    const projector = createAnalyticsProjector(memory.store);
    await projector.project(change('P#C1|PROFILE', { new: contact('C1') }));
    const outcome = await projector.project(change('P#C1|PROFILE', { old: contact('C1'), new: contact('C1', { firstName: 'Renamed' }) }));
    expect(outcome).toBe('unchanged');
    expect(memory.commits()).toBe(1);
  });

  it('plans again from the new state when its transaction lost a race', async () => {
    // Prepare
    const memory = memoryStore();
    const projector = createAnalyticsProjector(memory.store);
    await projector.project(change('P#C1|PROFILE', { new: contact('C1') }));
    memory.raceNextCommit(() => undefined);

    // Act
    const outcome = await projector.project(change('P#C1|TXN#O1', { new: order('C1', 'O1', '2026-01-10T00:00:00Z', 1000) }));

    // Assess
    expect(outcome).toBe('applied');
    expect(memory.value({ family: 'customers', month: '2026-01' }, 'orders')).toBe(1);
  });

  it('counts CSAT and NPS in the contact\'s slices, and skips feedback without a score', async () => {
    const memory = memoryStore();
    const projector = createAnalyticsProjector(memory.store);
    await projector.project(change('P#C1|PROFILE', { new: contact('C1') }));
    const feedback = (id: string, kind: string, score?: number) => ({ entity: 'feedback', id, contactId: 'C1', kind, createdAt: '2026-02-01T00:00:00Z', ...(score === undefined ? {} : { score }) });
    await projector.project(change('P#C1|FEEDBACK#F1', { new: feedback('F1', 'csat', 5) }));
    await projector.project(change('P#C1|FEEDBACK#F2', { new: feedback('F2', 'csat', 3) }));
    await projector.project(change('P#C1|FEEDBACK#F3', { new: feedback('F3', 'nps', 10) }));
    await projector.project(change('P#C1|FEEDBACK#F4', { new: feedback('F4', 'nps', 6) }));
    await projector.project(change('P#C1|FEEDBACK#F5', { new: feedback('F5', 'suggestion') }));
    await projector.project(change('P#C1|FEEDBACK#F2', { old: feedback('F2', 'csat', 3) }));

    const report = await createAnalyticsService({ reader: memory.store, clock }, actor).satisfaction({ from: '2026-02', to: '2026-02', by: 'region' });
    // CSAT: one 5 left → 1 of 1 satisfied, average 5; NPS: 1 promoter, 1 detractor of 2 → 0.
    expect(report.rows).toEqual([
      { group: 'north', csat: { responses: 1, satisfied: 1, satisfiedShare: 1, averageScore: 5 }, nps: { responses: 2, promoters: 1, detractors: 1, score: 0 } },
    ]);
  });

  it('counts deals per stage reached and by close month, and moves them as they change', async () => {
    // Prepare: a deal created in January reaching two stages, won in March (the sales contract).
    const memory = memoryStore();
    const projector = createAnalyticsProjector(memory.store);
    const deal = (over: Record<string, unknown>) => ({
      entity: 'deal', id: 'D1', pipelineId: 'PL', stageId: 'qualify', status: 'open', amountMinor: 5000, currency: 'EUR', ownerId: 'U1', contactId: 'C1',
      sourceChannel: 'web', region: 'north', createdAt: '2026-01-03T00:00:00Z', stagesReached: ['qualify'], version: 1, ...over,
    });
    const open = deal({});
    const won = deal({ status: 'won', stageId: 'closed', stagesReached: ['qualify', 'closed'], closedAt: '2026-03-02T00:00:00Z', version: 2 });
    const second = { ...deal({ id: 'D2', status: 'lost', closedAt: '2026-03-09T00:00:00Z' }) };

    // Act
    await projector.project(change('DEAL#D1|DEAL', { new: open }));
    await projector.project(change('DEAL#D1|DEAL', { old: open, new: won }));
    await projector.project(change('DEAL#D2|DEAL', { new: second }));

    // Assess: 2 deals created in January, both reached qualify (rate 1), one reached closed (0.5); won 1 of 2 closed.
    const report = await createAnalyticsService({ reader: memory.store, clock }, actor).conversion({ from: '2026-01', to: '2026-03', by: 'channel' });
    expect(report.rows[0]!.deals).toEqual({
      created: 2,
      won: 1,
      lost: 1,
      winRate: 0.5,
      stages: [
        { pipelineId: 'PL', stageId: 'closed', reached: 1, rate: 0.5 },
        { pipelineId: 'PL', stageId: 'qualify', reached: 2, rate: 1 },
      ],
    });
  });

  it('averages first-response and resolution times of tickets, with breach rates', async () => {
    // Prepare: two tickets (the service contract); T1 answered after 1 h, resolved after 1 day (breached); T2 answered after 3 h (breached).
    const memory = memoryStore();
    const projector = createAnalyticsProjector(memory.store);
    const ticket = (id: string, over: Record<string, unknown>) => ({
      entity: 'ticket', id, priority: 'normal', status: 'open', assigneeId: 'U1', channel: 'email', region: 'north', createdAt: '2026-02-01T00:00:00.000Z',
      firstResponseDueAt: '2026-02-01T02:00:00.000Z', resolutionDueAt: '2026-02-01T12:00:00.000Z', firstResponseBreached: false, resolutionBreached: false, version: 1, ...over,
    });
    const t1 = ticket('T1', {});
    const t1Answered = ticket('T1', { status: 'resolved', firstResponseAt: '2026-02-01T01:00:00.000Z', resolvedAt: '2026-02-02T00:00:00.000Z', resolutionBreached: true });
    const t2 = ticket('T2', { status: 'pending', firstResponseAt: '2026-02-01T03:00:00.000Z', firstResponseBreached: true });

    // Act
    await projector.project(change('TICKET#T1|TICKET', { new: t1 }));
    await projector.project(change('TICKET#T1|TICKET', { old: t1, new: t1Answered }));
    await projector.project(change('TICKET#T2|TICKET', { new: t2 }));

    // Assess: first response (3600 + 10800) / 2 = 7200 s, 1 of 2 breached; resolution 86400 s, 1 of 1 breached.
    const report = await createAnalyticsService({ reader: memory.store, clock }, actor).service({ from: '2026-02', to: '2026-02', by: 'owner' });
    expect(report.rows).toEqual([
      {
        group: 'U1',
        ticketsCreated: 2,
        firstResponses: 2,
        averageFirstResponseSeconds: 7200,
        firstResponseBreachRate: 0.5,
        resolutions: 1,
        averageResolutionSeconds: 86400,
        resolutionBreachRate: 1,
      },
    ]);
  });
});
