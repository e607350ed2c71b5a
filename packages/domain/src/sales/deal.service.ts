import type { MembershipRepository } from '../access/ports';
import type { ContactRepository, Page } from '../contacts/ports';
import { customerScopeOf } from '../customers/customer-scope';
import { formatMinorUnits, toMinorUnits } from '../customers/money';
import type { CompanyRepository } from '../customers/ports';
import { DealClosedError, InvalidInputError, NotALeadError, NotFoundError, VersionConflictError } from '../errors';
import type { Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import type { Deal } from './deal';
import { computeForecast, monthsBetween, type Forecast } from './forecast';
import type { PipelineService } from './pipeline.service';
import type { DealListOptions, DealRepository } from './ports';
import type { ContactConvertInput, DealCreateInput, DealPatchInput } from './sales.schema';

export interface DealServiceDeps {
  deals: DealRepository;
  pipelines: PipelineService;
  contacts: ContactRepository;
  companies: CompanyRepository;
  memberships: MembershipRepository;
  clock: Clock;
}

/** The longest forecast range, in months. */
export const MAX_FORECAST_MONTHS = 24;

type DealAction = 'deal.created' | 'deal.updated' | 'deal.stage_changed' | 'deal.won' | 'deal.lost' | 'deal.deleted';

/**
 * Deals for one caller; the ports are bound to the caller's tenant. A deal is with a contact the
 * caller may see. Deals follow the contacts' record scope: without `contacts:read_all` a caller
 * sees and changes only the deals they own, and any other answers 404.
 */
export function createDealService(deps: DealServiceDeps, actor: Actor) {
  const scope = customerScopeOf(actor);
  const audited = (action: DealAction, deal: Deal, changedFields: string[] = [], details?: Record<string, string>) =>
    scope.audited({ action, target: { type: 'deal', id: deal.id }, changedFields, ...(details ? { details } : {}) });

  async function load(id: string): Promise<Deal> {
    const deal = await deps.deals.get(id);
    if (!deal || !scope.owns(deal.ownerId)) throw new NotFoundError('deal', id);
    return deal;
  }
  const checkVersion = (deal: Deal, expected: number | undefined) => {
    if (expected !== undefined && expected !== deal.version) throw new VersionConflictError('deal', deal.id, expected, deal.version);
  };
  const open = (deal: Deal) => {
    if (deal.status !== 'open') throw new DealClosedError(deal.id, deal.status);
  };
  /** A contact the caller may see, for the field that names it. */
  async function visibleContact(contactId: string, field: string | null) {
    const contact = await deps.contacts.get(contactId);
    if (!contact || !scope.owns(contact.ownerId)) {
      if (field === null) throw new NotFoundError('contact', contactId);
      throw new InvalidInputError(field, 'is not a contact you can see');
    }
    return contact;
  }
  async function checkCompany(companyId: string | undefined | null) {
    if (companyId && !(await deps.companies.get(companyId))) throw new InvalidInputError('companyId', 'is not a company of this workspace');
  }
  async function checkOwner(ownerId: string | undefined) {
    if (ownerId !== undefined && ownerId !== actor.auth.userId && !(await deps.memberships.get(ownerId))) {
      throw new InvalidInputError('ownerId', 'is not a user of this workspace');
    }
  }
  const money = (amount: string, currency: string) => {
    const minor = toMinorUnits(amount, currency);
    return { amount: formatMinorUnits(minor, currency), amountMinor: Number(minor), currency };
  };

  async function newDeal(input: Omit<DealCreateInput, 'contactId'>, contact: { id: string; sourceChannel?: string; region?: string }): Promise<Deal> {
    await Promise.all([checkCompany(input.companyId), checkOwner(input.ownerId)]);
    const { pipeline, stage } = await deps.pipelines.placement(input.pipelineId, input.stageId);
    const now = deps.clock.now().toISOString();
    return {
      id: newId(),
      title: input.title,
      contactId: contact.id,
      ...(input.companyId === undefined ? {} : { companyId: input.companyId }),
      ownerId: input.ownerId ?? actor.auth.userId,
      pipelineId: pipeline.id,
      stageId: stage.id,
      ...money(input.amount, input.currency),
      expectedCloseDate: input.expectedCloseDate,
      status: 'open',
      ...(contact.sourceChannel === undefined ? {} : { sourceChannel: contact.sourceChannel }),
      ...(contact.region === undefined ? {} : { region: contact.region }),
      stagesReached: [stage.id],
      history: [{ from: null, to: stage.id, at: now, by: actor.auth.userId }],
      createdBy: actor.auth.userId,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
  }

  const bumped = (deal: Deal, now: string): Deal => ({ ...deal, version: deal.version + 1, updatedAt: now });

  return {
    async create(input: DealCreateInput): Promise<Deal> {
      const contact = await visibleContact(input.contactId, 'contactId');
      const { contactId: _contactId, ...rest } = input;
      const deal = await newDeal(rest, contact);
      await deps.deals.create(deal, audited('deal.created', deal, Object.keys(input).sort()));
      return deal;
    },

    get: load,

    /** Filtered as asked; a caller without `contacts:read_all` asking for another owner gets nothing. */
    async list(options: Omit<DealListOptions, 'ownerId'> & { ownerId?: string }): Promise<Page<Deal>> {
      if (!scope.seesAll && options.ownerId !== undefined && options.ownerId !== actor.auth.userId) return { items: [], lastId: null };
      return deps.deals.list({ ...options, ...(scope.seesAll ? {} : { ownerId: actor.auth.userId }) });
    },

    async update(id: string, patch: DealPatchInput, expectedVersion?: number): Promise<Deal> {
      const current = await load(id);
      checkVersion(current, expectedVersion);
      await Promise.all([checkCompany(patch.companyId), checkOwner(patch.ownerId)]);
      const next = bumped(current, deps.clock.now().toISOString());
      if (patch.title !== undefined) next.title = patch.title;
      if (patch.expectedCloseDate !== undefined) next.expectedCloseDate = patch.expectedCloseDate;
      if (patch.ownerId !== undefined) next.ownerId = patch.ownerId;
      if (patch.companyId === null) delete next.companyId;
      else if (patch.companyId !== undefined) next.companyId = patch.companyId;
      if (patch.amount !== undefined && patch.currency !== undefined) Object.assign(next, money(patch.amount, patch.currency));
      const changedFields = (['title', 'expectedCloseDate', 'ownerId', 'companyId', 'amount', 'currency'] as const).filter((field) => current[field] !== next[field]);
      await deps.deals.replace(next, current, audited('deal.updated', next, [...changedFields]));
      return next;
    },

    async move(id: string, stageId: string, expectedVersion?: number): Promise<Deal> {
      const current = await load(id);
      checkVersion(current, expectedVersion);
      open(current);
      const pipeline = await deps.pipelines.get(current.pipelineId);
      if (!pipeline.stages.some((stage) => stage.id === stageId)) throw new InvalidInputError('stageId', `is not a stage of the pipeline ${pipeline.name}`);
      if (stageId === current.stageId) throw new InvalidInputError('stageId', 'is the stage the deal is in already');
      const now = deps.clock.now().toISOString();
      const next: Deal = {
        ...bumped(current, now),
        stageId,
        stagesReached: current.stagesReached.includes(stageId) ? current.stagesReached : [...current.stagesReached, stageId],
        history: [...current.history, { from: current.stageId, to: stageId, at: now, by: actor.auth.userId }],
      };
      await deps.deals.replace(next, current, audited('deal.stage_changed', next, ['stageId'], { from: current.stageId, to: stageId }));
      return next;
    },

    async win(id: string, expectedVersion?: number): Promise<Deal> {
      const current = await load(id);
      checkVersion(current, expectedVersion);
      open(current);
      const now = deps.clock.now().toISOString();
      const next: Deal = { ...bumped(current, now), status: 'won', closedAt: now };
      await deps.deals.replace(next, current, audited('deal.won', next, ['status', 'closedAt']));
      return next;
    },

    /** The reason is the seller's words about the deal, not about the person: stored in clear, never audited. */
    async lose(id: string, reason: string, expectedVersion?: number): Promise<Deal> {
      const current = await load(id);
      checkVersion(current, expectedVersion);
      open(current);
      const now = deps.clock.now().toISOString();
      const next: Deal = { ...bumped(current, now), status: 'lost', closedAt: now, lostReason: reason };
      await deps.deals.replace(next, current, audited('deal.lost', next, ['status', 'closedAt', 'lostReason']));
      return next;
    },

    async delete(id: string, expectedVersion?: number): Promise<void> {
      const current = await load(id);
      checkVersion(current, expectedVersion);
      await deps.deals.delete(current, expectedVersion, audited('deal.deleted', current));
    },

    /**
     * The forecast of a pipeline (see {@link Forecast} for the definition). Reads two bounded
     * listings of the pipeline, open deals by expected close date and won deals by close time,
     * each only over the range: the cost is the deals in range, never the tenant's deals.
     */
    async forecast(range: { pipelineId?: string; from: string; to: string }): Promise<Forecast> {
      if (range.to < range.from) throw new InvalidInputError('to', 'must not be before from');
      if (monthsBetween(range.from, range.to).length > MAX_FORECAST_MONTHS) throw new InvalidInputError('to', `must be at most ${MAX_FORECAST_MONTHS} months after from`);
      const pipeline = range.pipelineId === undefined ? await deps.pipelines.ensureDefault() : await deps.pipelines.get(range.pipelineId).catch(() => null);
      if (!pipeline) throw new InvalidInputError('pipelineId', 'is not a pipeline of this workspace');
      const ownerId = scope.seesAll ? undefined : actor.auth.userId;
      const [open, won] = await Promise.all([deps.deals.openClosingIn(pipeline.id, range, ownerId), deps.deals.wonIn(pipeline.id, range, ownerId)]);
      return computeForecast(pipeline, range, open, won);
    },

    /**
     * A lead becomes a prospect with its first deal, in one transaction (the contact still a lead
     * at the version read, or nothing is written). Audited once, as `contact.converted` naming the deal.
     */
    async convert(contactId: string, input: ContactConvertInput): Promise<Deal> {
      const contact = await visibleContact(contactId, null);
      if (contact.lifecycleStage !== 'lead') throw new NotALeadError(contactId, contact.lifecycleStage);
      const deal = await newDeal(input, contact);
      const entry = scope.audited({
        action: 'contact.converted',
        target: { type: 'contact', id: contactId },
        targetIds: [deal.id],
        changedFields: ['lifecycleStage'],
        details: { from: 'lead', to: 'prospect' },
      });
      await deps.deals.create(deal, entry, { contactId, version: contact.version, updatedAt: deal.createdAt });
      return deal;
    },
  };
}

export type DealService = ReturnType<typeof createDealService>;
