import { ROUTES } from '@rapport/http';
import type { DemoDataset } from '../generator/dataset';
import { forEachLimited } from './concurrency';
import type { Progress } from './progress';
import type { Session } from './sessions';

/**
 * Deals, tickets, campaigns and tasks: areas whose APIs are being built beside this loader. Each
 * step names the routes it calls; when the route table lacks one, the step is skipped with a line
 * saying which, so the demo runs today and fills these areas as soon as their routes exist. The
 * paths and bodies follow the cross-area contracts (deal, ticket) and are the one place to adjust.
 */
export const PENDING_ROUTES = {
  createPipeline: { method: 'POST', path: '/v1/pipelines' },
  createDeal: { method: 'POST', path: '/v1/deals' },
  moveDeal: { method: 'POST', path: '/v1/deals/{id}/move' },
  winDeal: { method: 'POST', path: '/v1/deals/{id}/win' },
  loseDeal: { method: 'POST', path: '/v1/deals/{id}/lose' },
  createTicket: { method: 'POST', path: '/v1/tickets' },
  respondToTicket: { method: 'POST', path: '/v1/tickets/{id}/responses' },
  resolveTicket: { method: 'POST', path: '/v1/tickets/{id}/resolve' },
  createCampaign: { method: 'POST', path: '/v1/campaigns' },
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
  progress: Progress;
  concurrency: number;
}

/** Whether the API's route table has this route. */
export function hasRoute(route: { method: string; path: string }, routes: readonly { method: string; path: string }[] = Object.values(ROUTES)): boolean {
  return routes.some((candidate) => candidate.method === route.method && candidate.path === route.path);
}

const pathOf = (route: PendingRoute, id = '') => PENDING_ROUTES[route].path.replace('{id}', id);

export async function loadPendingAreas(context: PendingAreaContext, routes: readonly { method: string; path: string }[] = Object.values(ROUTES)): Promise<PendingStepResult[]> {
  const { dataset, owner, as, idOf, progress, concurrency } = context;
  const results: PendingStepResult[] = [];
  const dealIds = new Map<string, string>();
  const ticketIds = new Map<string, string>();

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

  const stageIds = new Map<string, string>();
  const hasPipeline = await step('pipeline', ['createPipeline'], [dataset.pipeline], async (pipeline) => {
    const created = await owner.call<{ id: string; stages: { id: string }[] }>('POST', pathOf('createPipeline'), {
      body: { name: pipeline.name, stages: pipeline.stages.map(({ name, probability }) => ({ name, probability })) },
    });
    stageIds.set('', created.body.id);
    pipeline.stages.forEach((stage, index) => stageIds.set(stage.key, created.body.stages[index]!.id));
  });

  if (hasPipeline) {
    await step('deals', ['createDeal', 'moveDeal', 'winDeal', 'loseDeal'], dataset.deals, async (deal) => {
      const rep = as(deal.ownerKey);
      const created = await rep.call<{ id: string }>('POST', pathOf('createDeal'), {
        body: {
          pipelineId: stageIds.get('')!,
          stageId: stageIds.get(deal.stagesReached[0]!)!,
          contactId: idOf(deal.contactKey),
          title: deal.title,
          amountMinor: deal.amountMinor,
          currency: deal.currency,
          expectedCloseDate: deal.expectedCloseDate,
        },
      });
      dealIds.set(deal.key, created.body.id);
      for (const stageKey of deal.stagesReached.slice(1)) await rep.call('POST', pathOf('moveDeal', created.body.id), { body: { stageId: stageIds.get(stageKey)! } });
      if (deal.status === 'won') await rep.call('POST', pathOf('winDeal', created.body.id), { body: {} });
      if (deal.status === 'lost') await rep.call('POST', pathOf('loseDeal', created.body.id), { body: { reason: deal.lostReason } });
    });
  } else {
    progress.note(`${'deals'.padEnd(14)} skipped: deals need the pipeline`);
    results.push({ step: 'deals', outcome: { skipped: 'deals need the pipeline' } });
  }

  await step('tickets', ['createTicket', 'respondToTicket', 'resolveTicket'], dataset.tickets, async (ticket) => {
    const agent = as(ticket.assigneeKey);
    const created = await agent.call<{ id: string }>('POST', pathOf('createTicket'), {
      body: { contactId: idOf(ticket.contactKey), subject: ticket.subject, description: ticket.description, priority: ticket.priority, channel: ticket.channel, assigneeId: agent.userId },
    });
    ticketIds.set(ticket.key, created.body.id);
    if (ticket.firstResponseAt) await agent.call('POST', pathOf('respondToTicket', created.body.id), { body: { body: 'Thanks for reaching out, we are on it.' } });
    if (ticket.resolvedAt) await agent.call('POST', pathOf('resolveTicket', created.body.id), { body: {} });
  });

  await step('campaigns', ['createCampaign', 'recordConversion'], dataset.campaigns, async (campaign) => {
    const marketer = as(campaign.ownerKey);
    const created = await marketer.call<{ id: string }>('POST', pathOf('createCampaign'), {
      body: {
        name: campaign.name,
        channel: campaign.channel,
        startsAt: campaign.startsAt,
        endsAt: campaign.endsAt,
        budgetMinor: campaign.budgetMinor,
        currency: dataset.currency,
        audienceContactIds: campaign.audienceKeys.map(idOf),
      },
    });
    for (const conversion of campaign.conversions) {
      await marketer.call('POST', pathOf('recordConversion', created.body.id), {
        body: { contactId: idOf(conversion.contactKey), occurredAt: conversion.at, amountMinor: conversion.amountMinor, currency: dataset.currency },
      });
    }
  });

  await step('tasks', ['createTask', 'completeTask'], dataset.tasks, async (task) => {
    const assignee = as(task.assigneeKey);
    const dealId = task.dealKey ? dealIds.get(task.dealKey) : undefined;
    const ticketId = task.ticketKey ? ticketIds.get(task.ticketKey) : undefined;
    const created = await assignee.call<{ id: string }>('POST', pathOf('createTask'), {
      body: { title: task.title, assigneeId: assignee.userId, contactId: idOf(task.contactKey), dueDate: task.dueDate, ...(dealId ? { dealId } : {}), ...(ticketId ? { ticketId } : {}) },
    });
    if (task.status === 'done') await assignee.call('POST', pathOf('completeTask', created.body.id), { body: {} });
  });

  return results;
}
