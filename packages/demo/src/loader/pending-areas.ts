import { ROUTES } from '@rapport/http';
import type { DemoDataset } from '../generator/dataset';
import { forEachLimited, settleAll } from './concurrency';
import type { Progress } from './progress';
import { campaignBody, conversionBody, dealBody, pipelineBody, segmentBody, taskBody, ticketBody } from './request-bodies';
import type { Session } from './sessions';

/** The order the steps' results are reported in, whichever finishes first. */
const STEP_ORDER = ['pipeline', 'deals', 'tickets', 'campaigns', 'tasks'];

/**
 * Deals, tickets, campaigns and tasks. Each step names the routes it calls; when the route table
 * lacks one (an API still being built), the step is skipped with a line saying which, so the demo
 * runs on any build of the API and fills an area as soon as its routes exist.
 */
export const PENDING_ROUTES = {
  createPipeline: { method: 'POST', path: '/v1/pipelines' },
  createDeal: { method: 'POST', path: '/v1/deals' },
  moveDeal: { method: 'POST', path: '/v1/deals/{id}/move' },
  winDeal: { method: 'POST', path: '/v1/deals/{id}/won' },
  loseDeal: { method: 'POST', path: '/v1/deals/{id}/lost' },
  createTicket: { method: 'POST', path: '/v1/tickets' },
  updateTicket: { method: 'PATCH', path: '/v1/tickets/{id}' },
  replyToTicket: { method: 'POST', path: '/v1/tickets/{id}/replies' },
  resolveTicket: { method: 'POST', path: '/v1/tickets/{id}/resolve' },
  createSegment: { method: 'POST', path: '/v1/segments' },
  createCampaign: { method: 'POST', path: '/v1/campaigns' },
  launchCampaign: { method: 'POST', path: '/v1/campaigns/{id}/launch' },
  recordConversion: { method: 'POST', path: '/v1/campaigns/{id}/conversions' },
  createTask: { method: 'POST', path: '/v1/tasks' },
  completeTask: { method: 'POST', path: '/v1/tasks/{id}/complete' },
} as const;
type PendingRoute = keyof typeof PENDING_ROUTES;

export interface PendingStepResult {
  step: string;
  /** Records created, or why the step did not run. */
  outcome: { created: number } | { skipped: string };
}

export interface PendingAreaContext {
  dataset: DemoDataset;
  owner: Session;
  as(userKey: string): Session;
  idOf(contactKey: string): string;
  /** The ticket each complaint opened, by feedback key (from the feedback API's answers), once the feedback is loaded. */
  complaintTicketIds: PromiseLike<ReadonlyMap<string, string>>;
  progress: Progress;
  concurrency: number;
}

/** Whether the API's route table has this route. */
export function hasRoute(route: { method: string; path: string }, routes: readonly { method: string; path: string }[] = Object.values(ROUTES)): boolean {
  return routes.some((candidate) => candidate.method === route.method && candidate.path === route.path);
}

const pathOf = (route: PendingRoute, id = '') => PENDING_ROUTES[route].path.replace('{id}', id);

export async function loadPendingAreas(context: PendingAreaContext, routes: readonly { method: string; path: string }[] = Object.values(ROUTES)): Promise<PendingStepResult[]> {
  const { dataset, owner, as, idOf, complaintTicketIds, progress, concurrency } = context;
  const results: PendingStepResult[] = [];
  const dealIds = new Map<string, string>();

  const step = async <T>(name: string, needs: readonly PendingRoute[], items: readonly T[], work: (item: T) => Promise<void>) => {
    const missing = needs.filter((route) => !hasRoute(PENDING_ROUTES[route], routes));
    if (missing.length > 0) {
      const reason = `the API has no ${missing.map((route) => `${PENDING_ROUTES[route].method} ${PENDING_ROUTES[route].path}`).join(', ')} yet`;
      progress.note(`${name.padEnd(14)} skipped: ${reason}`);
      results.push({ step: name, outcome: { skipped: reason } });
      return false;
    }
    const bar = progress.phase(name, items.length);
    await forEachLimited(items, concurrency, async (item) => {
      await work(item);
      bar.tick();
    });
    bar.done();
    results.push({ step: name, outcome: { created: items.length } });
    return true;
  };

  // Three chains that do not depend on each other run at once: the pipeline, its deals and the
  // tasks on them; the tickets, once the feedback has opened the complaints' tickets; the campaigns.
  await settleAll([
    (async () => {
      const stageIds = new Map<string, string>();
      const hasPipeline = await step('pipeline', ['createPipeline'], [dataset.pipeline], async (pipeline) => {
        const created = await owner.call<{ id: string; stages: { id: string }[] }>('POST', pathOf('createPipeline'), { body: pipelineBody(pipeline) });
        stageIds.set('', created.body.id);
        pipeline.stages.forEach((stage, index) => stageIds.set(stage.key, created.body.stages[index]!.id));
      });

      if (hasPipeline) {
        await step('deals', ['createDeal', 'moveDeal', 'winDeal', 'loseDeal'], dataset.deals, async (deal) => {
          const rep = as(deal.ownerKey);
          const ids = { contactId: idOf(deal.contactKey), pipelineId: stageIds.get('')!, stageId: stageIds.get(deal.stagesReached[0]!)! };
          const created = await rep.call<{ id: string }>('POST', pathOf('createDeal'), { body: dealBody(deal, ids) });
          dealIds.set(deal.key, created.body.id);
          for (const stageKey of deal.stagesReached.slice(1)) await rep.call('POST', pathOf('moveDeal', created.body.id), { body: { stageId: stageIds.get(stageKey)! } });
          if (deal.status === 'won') await rep.call('POST', pathOf('winDeal', created.body.id), { body: {} });
          if (deal.status === 'lost') await rep.call('POST', pathOf('loseDeal', created.body.id), { body: { reason: deal.lostReason } });
        });
      } else {
        progress.note(`${'deals'.padEnd(14)} skipped: deals need the pipeline`);
        results.push({ step: 'deals', outcome: { skipped: 'deals need the pipeline' } });
      }

      await step('tasks', ['createTask', 'completeTask'], dataset.tasks, async (task) => {
        const assignee = as(task.assigneeKey);
        const dealId = task.dealKey ? dealIds.get(task.dealKey) : undefined;
        const body = taskBody(task, { assigneeId: assignee.userId, contactId: idOf(task.contactKey), ...(dealId ? { dealId } : {}) });
        const created = await assignee.call<{ id: string }>('POST', pathOf('createTask'), { body });
        if (task.status === 'done') await assignee.call('POST', pathOf('completeTask', created.body.id));
      });
    })(),
    (async () => {
      // A complaint's ticket exists already (the feedback API opened it): it gets the generated priority
      // and assignee, then the same replies and outcome as any other, so no complaint has two tickets.
      const ticketIds = await complaintTicketIds;
      await step('tickets', ['createTicket', 'updateTicket', 'replyToTicket', 'resolveTicket'], dataset.tickets, async (ticket) => {
        const agent = as(ticket.assigneeKey);
        let id: string;
        if (ticket.fromFeedbackKey !== undefined) {
          const opened = ticketIds.get(ticket.fromFeedbackKey);
          if (!opened) throw new Error(`The feedback API opened no ticket for complaint ${ticket.fromFeedbackKey}`);
          id = opened;
          await agent.call('PATCH', pathOf('updateTicket', id), { body: { priority: ticket.priority, assigneeId: agent.userId } });
        } else {
          id = (await agent.call<{ id: string }>('POST', pathOf('createTicket'), { body: ticketBody(ticket, idOf(ticket.contactKey), agent.userId) })).body.id;
        }
        if (ticket.firstResponseAt) await agent.call('POST', pathOf('replyToTicket', id), { body: { body: 'Thanks for reaching out, we are on it.' } });
        if (ticket.resolvedAt) await agent.call('POST', pathOf('resolveTicket', id));
        if (ticket.status === 'closed' || ticket.status === 'pending') await agent.call('PATCH', pathOf('updateTicket', id), { body: { status: ticket.status } });
      });
    })(),
    (async () => {
      // Each audience is realised as a segment on the campaign's tag; launching fixes exactly that audience.
      await step('campaigns', ['createSegment', 'createCampaign', 'launchCampaign', 'recordConversion'], dataset.campaigns, async (campaign) => {
        const marketer = as(campaign.ownerKey);
        const segment = await marketer.call<{ id: string }>('POST', pathOf('createSegment'), { body: segmentBody(campaign) });
        const created = await marketer.call<{ id: string }>('POST', pathOf('createCampaign'), { body: campaignBody(campaign, segment.body.id, dataset.currency) });
        await marketer.call('POST', pathOf('launchCampaign', created.body.id));
        // A campaign's conversions do not depend on each other: at once, within the shared limit.
        await settleAll(
          campaign.conversions.map((conversion) => marketer.call('POST', pathOf('recordConversion', created.body.id), { body: conversionBody(conversion, idOf(conversion.contactKey)) })),
        );
      });
    })(),
  ]);
  results.sort((a, b) => STEP_ORDER.indexOf(a.step) - STEP_ORDER.indexOf(b.step));
  return results;
}
