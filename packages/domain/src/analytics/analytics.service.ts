import type { Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import type { AnalyticsGrouping, AnalyticsQueryInput } from './analytics.schema';
import { MAX_ANALYTICS_MONTHS } from './analytics.schema';
import type { Cell, MetricFamily, SliceDimension } from './counters';
import { addMonths, monthOf, monthsBetween, type Month } from './months';
import type { AnalyticsReader } from './ports';

/** A resolved range: both months known, at most {@link MAX_ANALYTICS_MONTHS} long. */
export interface AnalyticsRange {
  from: Month;
  to: Month;
  by: AnalyticsGrouping;
}

type Totals = Record<string, number>;

/** A ratio rounded to 4 decimals, or null when there is nothing to divide by. */
export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
/** An average rounded to 1 decimal, or null when nothing was counted. */
export const average = (sum: number, n: number): number | null => (n === 0 ? null : Math.round((sum / n) * 10) / 10);

/**
 * The CRM numbers, read from the aggregate items only: one Query per metric family (two for
 * conversion, which shows contacts and deals), never the tenant's records. The definition of
 * each number sits beside the projector that counts it; here they are divided out.
 */
export function createAnalyticsService(deps: { reader: AnalyticsReader; clock: Clock }, actor: Actor) {
  const tenantId = actor.auth.tenantId;

  /** The range asked for; a missing end is the current month (at most 36 months after `from`), a missing start 11 months before the end. */
  function rangeOf(query: AnalyticsQueryInput): AnalyticsRange {
    const now = monthOf(deps.clock.now().toISOString())!;
    let to = query.to;
    if (!to) {
      const latest = query.from ? addMonths(query.from, MAX_ANALYTICS_MONTHS - 1) : now;
      to = query.from && query.from > now ? query.from : latest < now ? latest : now;
    }
    return { from: query.from ?? addMonths(to, -11), to, by: query.by };
  }

  /**
   * The family's counters grouped as asked: per month of the range (slice `all`, every month a
   * row, zeros included), or per region/channel/owner summed over the range. `lead` months
   * before `from` are read too and handed over apart (retention needs the month before).
   */
  async function grouped(family: MetricFamily, range: AnalyticsRange, lead = 0) {
    const dimension: SliceDimension = range.by === 'month' ? 'all' : range.by;
    const cells = await deps.reader.cells(tenantId, family, dimension, addMonths(range.from, -lead), range.to);
    const groupOf = (cell: Cell) => (range.by === 'month' ? cell.month : cell.value);
    const groups = new Map<string, Map<Month, Totals>>();
    if (range.by === 'month') for (const month of monthsBetween(range.from, range.to)) groups.set(month, new Map());
    for (const { cell, counts } of cells) {
      if (cell.month < range.from) {
        // A slice seen only in the month before (everyone in it churned) still gets its row.
        if (range.by !== 'month' && !groups.has(groupOf(cell))) groups.set(groupOf(cell), new Map());
        continue;
      }
      const group = groups.get(groupOf(cell)) ?? new Map<Month, Totals>();
      group.set(cell.month, counts);
      groups.set(groupOf(cell), group);
    }
    /** The counters of a group in one month (for months before `from` too). */
    const at = (group: string, month: Month): Totals => {
      const cell = cells.find((candidate) => candidate.cell.month === month && (range.by === 'month' ? true : candidate.cell.value === group));
      return cell?.counts ?? {};
    };
    const rows = [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([group, months]) => ({ group, months: [...months.keys()].sort(), totals: sum([...months.values()]) }));
    return { rows, at };
  }

  const header = (range: AnalyticsRange) => ({ from: range.from, to: range.to, by: range.by });

  return {
    rangeOf,

    /** CSAT (share of 4–5 ratings, and the average score) and NPS (% promoters − % detractors). */
    async satisfaction(query: AnalyticsQueryInput) {
      const range = rangeOf(query);
      const { rows } = await grouped('satisfaction', range);
      return {
        ...header(range),
        rows: rows.map(({ group, totals: t }) => ({
          group,
          csat: {
            responses: t.csatResponses ?? 0,
            satisfied: t.csatSatisfied ?? 0,
            satisfiedShare: rate(t.csatSatisfied ?? 0, t.csatResponses ?? 0),
            averageScore: average(t.csatScoreSum ?? 0, t.csatResponses ?? 0),
          },
          nps: {
            responses: t.npsResponses ?? 0,
            promoters: t.npsPromoters ?? 0,
            detractors: t.npsDetractors ?? 0,
            score: (t.npsResponses ?? 0) === 0 ? null : Math.round((((t.npsPromoters ?? 0) - (t.npsDetractors ?? 0)) / t.npsResponses!) * 1000) / 10,
          },
        })),
      };
    },

    /** Lead → customer conversion of contacts created in the range, and deals' stage conversion and win rate. */
    async conversion(query: AnalyticsQueryInput) {
      const range = rangeOf(query);
      const [contacts, deals] = await Promise.all([grouped('contacts', range), grouped('deals', range)]);
      const dealTotals = new Map(deals.rows.map((row) => [row.group, row.totals]));
      const groups = [...new Set([...contacts.rows.map((row) => row.group), ...deals.rows.map((row) => row.group)])].sort();
      const contactTotals = new Map(contacts.rows.map((row) => [row.group, row.totals]));
      return {
        ...header(range),
        rows: groups.map((group) => {
          const c = contactTotals.get(group) ?? {};
          const d = dealTotals.get(group) ?? {};
          return {
            group,
            contactsCreated: c.contactsCreated ?? 0,
            customers: c.customers ?? 0,
            conversionRate: rate(c.customers ?? 0, c.contactsCreated ?? 0),
            deals: dealSummary(d),
          };
        }),
      };
    },

    /** Retention of period P = customers who ordered in P−1 and in P ÷ customers who ordered in P−1; churn = 1 − retention. */
    async retention(query: AnalyticsQueryInput) {
      const range = rangeOf(query);
      const { rows, at } = await grouped('customers', range, 1);
      return {
        ...header(range),
        rows: rows.map(({ group, totals }) => {
          // Every period of the range counts its month before, whether or not the slice ordered in the period itself.
          const periods = range.by === 'month' ? [group] : monthsBetween(range.from, range.to);
          const previousActive = periods.reduce((total, month) => total + (at(group, addMonths(month, -1)).active ?? 0), 0);
          const retained = totals.retained ?? 0;
          const retention = rate(retained, previousActive);
          return {
            group,
            activeCustomers: totals.active ?? 0,
            previousActive,
            retained,
            retentionRate: retention,
            churnRate: retention === null ? null : Math.round((1 - retention) * 10_000) / 10_000,
          };
        }),
      };
    },

    /** Revenue per currency, ARPU, repurchase rate and customer lifetime value. */
    async revenue(query: AnalyticsQueryInput) {
      const range = rangeOf(query);
      const { rows } = await grouped('customers', range);
      return {
        ...header(range),
        rows: rows.map(({ group, totals: t }) => ({
          group,
          orders: t.orders ?? 0,
          activeCustomers: t.active ?? 0,
          newCustomers: t.newCustomers ?? 0,
          repeatCustomers: t.repeatCustomers ?? 0,
          repurchaseRate: rate(t.repeatCustomers ?? 0, t.newCustomers ?? 0),
          currencies: currenciesOf(t).map((currency) => ({
            currency,
            revenueMinor: t[`revenue#${currency}`] ?? 0,
            activeCustomers: t[`active#${currency}`] ?? 0,
            arpuMinor: average(t[`revenue#${currency}`] ?? 0, t[`active#${currency}`] ?? 0),
            cohortCustomers: t[`cohortCustomers#${currency}`] ?? 0,
            cohortRevenueMinor: t[`cohortRevenue#${currency}`] ?? 0,
            lifetimeValueMinor: average(t[`cohortRevenue#${currency}`] ?? 0, t[`cohortCustomers#${currency}`] ?? 0),
          })),
        })),
      };
    },

    /** Average first-response and resolution times, and SLA breach rates, of tickets answered/resolved in the range. */
    async service(query: AnalyticsQueryInput) {
      const range = rangeOf(query);
      const { rows } = await grouped('service', range);
      return {
        ...header(range),
        rows: rows.map(({ group, totals: t }) => ({
          group,
          ticketsCreated: t.ticketsCreated ?? 0,
          firstResponses: t.firstResponses ?? 0,
          averageFirstResponseSeconds: average(t.firstResponseSeconds ?? 0, t.firstResponses ?? 0),
          firstResponseBreachRate: rate(t.firstResponseBreaches ?? 0, t.firstResponses ?? 0),
          resolutions: t.resolutions ?? 0,
          averageResolutionSeconds: average(t.resolutionSeconds ?? 0, t.resolutions ?? 0),
          resolutionBreachRate: rate(t.resolutionBreaches ?? 0, t.resolutions ?? 0),
        })),
      };
    },
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;

function sum(all: Totals[]): Totals {
  const out: Totals = {};
  for (const totals of all) for (const [name, value] of Object.entries(totals)) out[name] = (out[name] ?? 0) + value;
  return out;
}

function currenciesOf(totals: Totals): string[] {
  return [...new Set(Object.keys(totals).filter((name) => name.includes('#') && !name.startsWith('reached')).map((name) => name.split('#')[1]!))].sort();
}

/** Deals created, won, lost and the win rate; per pipeline stage, the deals that reached it and the share of the pipeline's deals that did. */
function dealSummary(t: Totals) {
  const stages = Object.entries(t)
    .filter(([name]) => name.startsWith('reached#'))
    .map(([name, reached]) => {
      const [, pipelineId, stageId] = name.split('#') as [string, string, string];
      return { pipelineId, stageId, reached, rate: rate(reached, t[`created#${pipelineId}`] ?? 0) };
    })
    .sort((a, b) => (a.pipelineId + a.stageId < b.pipelineId + b.stageId ? -1 : 1));
  return { created: t.created ?? 0, won: t.won ?? 0, lost: t.lost ?? 0, winRate: rate(t.won ?? 0, (t.won ?? 0) + (t.lost ?? 0)), stages };
}
