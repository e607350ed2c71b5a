import { formatMinorUnits } from '../customers/money';
import type { Deal } from './deal';
import type { Pipeline } from './pipeline';

/**
 * The sales forecast of one pipeline over the months `from`..`to` (YYYY-MM, both included):
 *
 * - **weighted** = Σ amountMinor × p / 100 over the *open* deals whose expected close date falls in
 *   the range, p being the win probability (whole percent) of the stage each deal is in now. The sum
 *   of products is exact (integers); it is divided by 100 once per figure, rounding half up to the
 *   currency's minor unit.
 * - **open** = Σ amountMinor of the same deals, unweighted.
 * - **won** = Σ amountMinor of the deals won (status `won`) whose `closedAt` falls in the range, by
 *   the month they were won in (UTC).
 *
 * Figures are per currency, never converted or added across currencies; within a currency they are
 * broken down by stage (in pipeline order) and by month (every month of the range, empty ones too).
 * Lost deals never count.
 */
export interface Forecast {
  pipelineId: string;
  from: string;
  to: string;
  currencies: CurrencyForecast[];
}

export interface Money {
  amount: string;
  amountMinor: number;
}

export interface CurrencyForecast {
  currency: string;
  totals: { openCount: number; open: Money; weighted: Money; wonCount: number; won: Money };
  byStage: { stageId: string; name: string; probability: number; openCount: number; open: Money; weighted: Money }[];
  byMonth: { month: string; openCount: number; open: Money; weighted: Money; wonCount: number; won: Money }[];
}

/** Every month from `from` to `to`, both YYYY-MM. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard++) {
    const value = `${year}-${String(month).padStart(2, '0')}`;
    months.push(value);
    if (value >= to) break;
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
  }
  return months;
}

interface Sums {
  count: number;
  minor: bigint;
  /** Σ amountMinor × probability: 100 times the weighted amount. */
  weighted100: bigint;
}

const zero = (): Sums => ({ count: 0, minor: 0n, weighted100: 0n });
const money = (minor: bigint, currency: string): Money => ({ amount: formatMinorUnits(minor, currency), amountMinor: Number(minor) });
/** `value / 100`, rounded half up (values are never negative). */
const hundredth = (value: bigint) => (value + 50n) / 100n;

/**
 * The forecast from the open deals expected to close in the range and the deals won in it (the
 * caller reads exactly those; anything else given is ignored).
 */
export function computeForecast(pipeline: Pipeline, range: { from: string; to: string }, open: Deal[], won: Deal[]): Forecast {
  const months = monthsBetween(range.from, range.to);
  const probability = new Map(pipeline.stages.map((stage) => [stage.id, stage.probability]));
  const perCurrency = new Map<string, { stages: Map<string, Sums>; months: Map<string, { open: Sums; won: Sums }>; open: Sums; won: Sums }>();
  const of = (currency: string) => {
    let entry = perCurrency.get(currency);
    if (!entry) {
      entry = {
        stages: new Map(pipeline.stages.map((stage) => [stage.id, zero()])),
        months: new Map(months.map((month) => [month, { open: zero(), won: zero() }])),
        open: zero(),
        won: zero(),
      };
      perCurrency.set(currency, entry);
    }
    return entry;
  };
  const add = (sums: Sums, minor: bigint, weighted100: bigint) => {
    sums.count++;
    sums.minor += minor;
    sums.weighted100 += weighted100;
  };

  for (const deal of open) {
    const month = deal.expectedCloseDate.slice(0, 7);
    const p = probability.get(deal.stageId);
    if (deal.status !== 'open' || p === undefined || month < range.from || month > range.to) continue;
    const entry = of(deal.currency);
    const minor = BigInt(deal.amountMinor);
    const weighted100 = minor * BigInt(p);
    add(entry.open, minor, weighted100);
    add(entry.stages.get(deal.stageId)!, minor, weighted100);
    add(entry.months.get(month)!.open, minor, weighted100);
  }
  for (const deal of won) {
    const month = deal.closedAt?.slice(0, 7);
    if (deal.status !== 'won' || month === undefined || month < range.from || month > range.to) continue;
    const entry = of(deal.currency);
    add(entry.won, BigInt(deal.amountMinor), 0n);
    add(entry.months.get(month)!.won, BigInt(deal.amountMinor), 0n);
  }

  return {
    pipelineId: pipeline.id,
    from: range.from,
    to: range.to,
    currencies: [...perCurrency.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, entry]) => ({
        currency,
        totals: {
          openCount: entry.open.count,
          open: money(entry.open.minor, currency),
          weighted: money(hundredth(entry.open.weighted100), currency),
          wonCount: entry.won.count,
          won: money(entry.won.minor, currency),
        },
        byStage: pipeline.stages.map((stage) => {
          const sums = entry.stages.get(stage.id)!;
          return {
            stageId: stage.id,
            name: stage.name,
            probability: stage.probability,
            openCount: sums.count,
            open: money(sums.minor, currency),
            weighted: money(hundredth(sums.weighted100), currency),
          };
        }),
        byMonth: months.map((month) => {
          const sums = entry.months.get(month)!;
          return {
            month,
            openCount: sums.open.count,
            open: money(sums.open.minor, currency),
            weighted: money(hundredth(sums.open.weighted100), currency),
            wonCount: sums.won.count,
            won: money(sums.won.minor, currency),
          };
        }),
      })),
  };
}
