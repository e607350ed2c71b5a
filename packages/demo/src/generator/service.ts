import type { DemoContact, DemoFeedback, DemoTicket, TicketPriority } from './dataset';
import type { Random } from './random';
import type { BuyerStory } from './commerce';
import { TICKET_QUESTIONS } from './reference-data';
import { isoOf } from './time';

const HOUR_MS = 3_600_000;

/** SLA targets in hours per priority: first response, resolution. */
export const SLA_HOURS: Record<TicketPriority, { firstResponse: number; resolution: number }> = {
  urgent: { firstResponse: 1, resolution: 8 },
  high: { firstResponse: 4, resolution: 24 },
  normal: { firstResponse: 8, resolution: 72 },
  low: { firstResponse: 24, resolution: 168 },
};

/**
 * A ticket for every complaint, and questions from some customers. Agents answer in about half
 * the target on average, so roughly one in eight misses it, as a real desk does; tickets of the
 * last days are still open or pending.
 */
export function generateTickets(random: Random, contact: DemoContact, story: BuyerStory, complaints: readonly DemoFeedback[], todayMs: number, next: () => string): DemoTicket[] {
  // The feedback API opens a ticket for every complaint (channel `complaint`), so each has one here,
  // raised no later than two hours ago (a complaint's given time may lie in the last days).
  const raised: { at: number; subject: string; description: string; priority: TicketPriority; channel: string; fromFeedbackKey?: string }[] = complaints.map((complaint) => ({
    at: Math.min(Date.parse(complaint.givenAt), todayMs - 2 * HOUR_MS),
    subject: 'Complaint',
    description: complaint.comment ?? 'Complaint',
    priority: random.weighted({ urgent: 10, high: 45, normal: 45 }),
    channel: 'complaint',
    fromFeedbackKey: complaint.key,
  }));
  if (story.orders.length > 0 && random.chance(0.18)) {
    const question = random.pick(TICKET_QUESTIONS);
    raised.push({ at: Date.parse(random.pick(story.orders).time) + random.int(1, 72) * HOUR_MS, subject: question, description: question, priority: random.weighted({ low: 35, normal: 50, high: 15 }), channel: random.pick(['email', 'phone', 'chat']) });
  }
  return raised
    .filter(({ at, fromFeedbackKey }) => fromFeedbackKey !== undefined || at < todayMs - HOUR_MS)
    .map(({ at, subject, description, priority, channel, fromFeedbackKey }) => {
      const sla = SLA_HOURS[priority];
      const firstResponseDue = at + sla.firstResponse * HOUR_MS;
      const resolutionDue = at + sla.resolution * HOUR_MS;
      const responded = at + random.exponential(sla.firstResponse * 0.5) * HOUR_MS;
      const resolved = responded + random.exponential(sla.resolution * 0.45) * HOUR_MS;
      const hasResponse = responded < todayMs;
      const isResolved = resolved < todayMs;
      const status = isResolved ? (todayMs - resolved > 7 * 24 * HOUR_MS ? 'closed' : 'resolved') : hasResponse ? 'pending' : 'open';
      return {
        key: next(),
        contactKey: contact.key,
        assigneeKey: 'u-support',
        subject,
        description,
        priority,
        status,
        channel,
        ...(fromFeedbackKey ? { fromFeedbackKey } : {}),
        createdAt: isoOf(at),
        ...(hasResponse ? { firstResponseAt: isoOf(responded) } : {}),
        ...(isResolved ? { resolvedAt: isoOf(resolved) } : {}),
        firstResponseDueAt: isoOf(firstResponseDue),
        resolutionDueAt: isoOf(resolutionDue),
        firstResponseBreached: (hasResponse ? responded : todayMs) > firstResponseDue,
        resolutionBreached: (isResolved ? resolved : todayMs) > resolutionDue,
        ...(isResolved && random.chance(0.6) ? { satisfaction: Number(random.weighted({ 1: 5, 2: 7, 3: 15, 4: 33, 5: 40 })) } : {}),
      };
    });
}
