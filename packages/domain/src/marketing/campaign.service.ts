import { auditContextOf } from '../audit/audit-context';
import type { AuditAction } from '../audit/audit-event';
import { toMinorUnits } from '../customers/money';
import { CampaignStateError, InvalidInputError, NotFoundError, VersionConflictError } from '../errors';
import type { Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import type { Campaign, CampaignConversion } from './campaign';
import { amountProblem, type CampaignCreateInput, type CampaignPatchInput, type ConversionCreateInput } from './campaign.schema';
import { performanceByChannel } from './campaign-performance';
import type { CampaignRepository } from './ports';
import type { SegmentService } from './segment.service';

export interface CampaignServiceDeps {
  campaigns: CampaignRepository;
  segments: SegmentService;
  clock: Clock;
}

/** Campaigns of the caller's workspace (`marketing:*`); `deps` are bound to its tenant. */
export function createCampaignService(deps: CampaignServiceDeps, actor: Actor) {
  const audited = (action: AuditAction, id: string, extra: { changedFields?: string[]; targetIds?: string[]; details?: Record<string, number | string> } = {}) => ({
    context: auditContextOf(actor),
    entry: { action, target: { type: 'campaign', id }, outcome: 'success' as const, ...extra },
  });

  async function load(id: string): Promise<Campaign> {
    const campaign = await deps.campaigns.get(id);
    if (!campaign) throw new NotFoundError('campaign', id);
    return campaign;
  }

  /** A segment named in a body: one that does not exist is a bad field of the request, not a missing route record. */
  async function assertSegment(segmentId: string): Promise<void> {
    try {
      await deps.segments.get(segmentId);
    } catch (error) {
      if (error instanceof NotFoundError) throw new InvalidInputError('segmentId', 'names no segment of this workspace');
      throw error;
    }
  }

  const minorOf = (amount: string, currency: string) => Number(toMinorUnits(amount, currency));

  return {
    async create(input: CampaignCreateInput): Promise<Campaign> {
      await assertSegment(input.segmentId);
      const now = deps.clock.now().toISOString();
      const campaign: Campaign = {
        id: newId(),
        name: input.name,
        channel: input.channel,
        segmentId: input.segmentId,
        status: 'draft',
        currency: input.currency,
        ...(input.budget === undefined ? {} : { budget: input.budget, budgetMinor: minorOf(input.budget, input.currency) }),
        ...(input.startAt ? { startAt: input.startAt } : {}),
        ...(input.endAt ? { endAt: input.endAt } : {}),
        audienceSize: 0,
        conversions: 0,
        conversionValueMinor: 0,
        createdBy: actor.auth.userId,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await deps.campaigns.create(campaign, audited('campaign.created', campaign.id, { changedFields: Object.keys(input).sort() }));
      return campaign;
    },

    get: load,

    list: (options: { limit: number; afterId?: string }) => deps.campaigns.list(options),

    async update(id: string, patch: CampaignPatchInput, expectedVersion?: number): Promise<Campaign> {
      const current = await load(id);
      if (expectedVersion !== undefined && expectedVersion !== current.version) throw new VersionConflictError('campaign', id, expectedVersion, current.version);
      if (patch.segmentId !== undefined && patch.segmentId !== current.segmentId) {
        if (current.status !== 'draft') throw new CampaignStateError(id, current.status, 'change its segment (the audience is fixed at launch)');
        await assertSegment(patch.segmentId);
      }
      if (patch.status === 'completed' && current.status !== 'launched') throw new CampaignStateError(id, current.status, 'complete it (only a launched campaign completes)');
      const now = deps.clock.now().toISOString();
      const next: Campaign = { ...current, version: current.version + 1, updatedAt: now };
      const { version: _version, status, budget, ...fields } = patch;
      for (const [field, value] of Object.entries(fields)) {
        if (value === null) delete next[field as keyof Campaign];
        else if (value !== undefined) Object.assign(next, { [field]: value });
      }
      if (budget === null) {
        delete next.budget;
        delete next.budgetMinor;
      } else if (budget !== undefined) {
        const problem = amountProblem(budget, current.currency);
        if (problem) throw new InvalidInputError('budget', problem);
        Object.assign(next, { budget, budgetMinor: minorOf(budget, current.currency) });
      }
      if (status === 'completed') Object.assign(next, { status, completedAt: now });
      if (next.startAt && next.endAt && Date.parse(next.endAt) <= Date.parse(next.startAt)) throw new InvalidInputError('endAt', 'must be after startAt');
      const changed = [...Object.keys(fields), ...(budget === undefined ? [] : ['budget']), ...(status ? ['status'] : [])]
        .filter((field) => JSON.stringify(current[field as keyof Campaign]) !== JSON.stringify(next[field as keyof Campaign]))
        .sort();
      await deps.campaigns.replace(next, current, audited('campaign.updated', id, { changedFields: changed }));
      return next;
    },

    async delete(id: string): Promise<void> {
      await deps.campaigns.delete(id, audited('campaign.deleted', id));
    },

    /**
     * Evaluates the segment once and fixes the audience: its ids are written (chunked) under a new
     * launch id first, then the campaign moves to `launched` naming that launch, on the condition
     * that nobody changed it since it was read. A launch that fails after the chunks leaves them
     * unreferenced in the campaign's partition (erased with it), never a half-launched campaign.
     */
    async launch(id: string): Promise<Campaign> {
      const current = await load(id);
      if (current.status !== 'draft') throw new CampaignStateError(id, current.status, 'launch it (only a draft launches)');
      const audience = await deps.segments.audienceOf(current.segmentId).catch((error: unknown) => {
        if (error instanceof NotFoundError) throw new CampaignStateError(id, current.status, 'launch it: its segment was deleted (choose another with PATCH segmentId)');
        throw error;
      });
      const launchId = newId();
      await deps.campaigns.writeAudience(id, launchId, audience);
      const now = deps.clock.now().toISOString();
      const next: Campaign = { ...current, status: 'launched', launchId, launchedAt: now, audienceSize: audience.length, version: current.version + 1, updatedAt: now };
      await deps.campaigns.replace(next, current, audited('campaign.launched', id, { changedFields: ['audienceSize', 'status'], details: { audienceSize: audience.length } }));
      return next;
    },

    /**
     * A conversion of an audience member within the campaign's window (from its start, or launch,
     * to its end, or completion). Once per contact and campaign: a second is refused with 409.
     */
    async recordConversion(id: string, input: ConversionCreateInput): Promise<CampaignConversion> {
      const campaign = await load(id);
      if (campaign.status === 'draft' || !campaign.launchId) throw new CampaignStateError(id, campaign.status, 'record a conversion (launch it first)');
      // A named order must be the contact's; when no value is sent, the order's amount is the value (same currency only).
      const order = input.orderId ? await deps.campaigns.findOrder(input.contactId, input.orderId) : null;
      if (input.orderId && !order) throw new InvalidInputError('orderId', "names no order of this contact");
      const occurredAt = input.occurredAt ?? order?.time ?? deps.clock.now().toISOString();
      const opens = campaign.startAt ?? campaign.launchedAt!;
      const closes = campaign.endAt ?? campaign.completedAt;
      if (occurredAt < opens || (closes !== undefined && occurredAt > closes)) {
        throw new InvalidInputError('occurredAt', `must be within the campaign's window (${opens} to ${closes ?? 'open'})`);
      }
      if (input.value !== undefined) {
        const problem = amountProblem(input.value, campaign.currency);
        if (problem) throw new InvalidInputError('value', problem);
      }
      if (!(await deps.campaigns.isAudienceMember(id, campaign.launchId, input.contactId))) {
        throw new InvalidInputError('contactId', "is not in the campaign's audience (fixed at launch)");
      }
      const valueMinor = input.value !== undefined ? minorOf(input.value, campaign.currency) : order?.currency === campaign.currency ? order.amountMinor : undefined;
      const conversion: CampaignConversion = {
        campaignId: id,
        channel: campaign.channel,
        contactId: input.contactId,
        ...(valueMinor === undefined ? {} : { valueMinor, currency: campaign.currency }),
        occurredAt,
        ...(input.orderId ? { orderId: input.orderId } : {}),
        recordedBy: actor.auth.userId,
        createdAt: deps.clock.now().toISOString(),
      };
      await deps.campaigns.recordConversion(conversion, audited('campaign.conversion_recorded', id, { targetIds: [input.contactId] }));
      return conversion;
    },

    /** Per channel, over the campaigns launched in [from, to): served from the campaigns listing, bounded by the number of campaigns. */
    async performance(from: string, to: string) {
      return { from, to, channels: performanceByChannel(await deps.campaigns.listAll(), from, to) };
    },
  };
}

export type CampaignService = ReturnType<typeof createCampaignService>;
