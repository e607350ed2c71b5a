import type { DemoCampaign, DemoCompany, DemoContact, DemoDataset, DemoDeal, DemoFeedback, DemoInteraction, DemoOrder, DemoTask, DemoTicket } from '../generator/dataset';

/**
 * What the loader sends for each record: the dataset's fields the API takes, without the
 * generator's own keys and the times the API stamps itself.
 */
export function companyBody({ key: _key, ownerKey: _ownerKey, ...fields }: DemoCompany) {
  return fields;
}

export function contactBody({ key: _key, ownerKey: _ownerKey, companyKey: _companyKey, createdAt: _createdAt, tags, ...fields }: DemoContact, companyId: string | undefined) {
  return { ...fields, ...(companyId ? { companyId } : {}), ...(tags.length > 0 ? { tags } : {}) };
}

export function orderBody({ contactKey: _contactKey, ...order }: DemoOrder) {
  return order;
}

export function interactionBody({ contactKey: _contactKey, byKey: _byKey, ...interaction }: DemoInteraction) {
  return interaction;
}

/** The feedback API records its own time, so `givenAt` is not sent. */
export function feedbackBody({ key: _key, contactKey: _contactKey, givenAt: _givenAt, ...feedback }: DemoFeedback) {
  return feedback;
}

/** Minor units as the decimal string the money fields take (two decimals: the demo's currency is EUR). */
export function decimalOf(amountMinor: number): string {
  return `${Math.floor(amountMinor / 100)}.${String(amountMinor % 100).padStart(2, '0')}`;
}

export function pipelineBody(pipeline: DemoDataset['pipeline']) {
  return { name: pipeline.name, stages: pipeline.stages.map(({ name, probability }) => ({ name, probability })) };
}

/** A deal is created in the first stage it reached; the loader then moves it through the rest. */
export function dealBody(deal: DemoDeal, ids: { contactId: string; pipelineId: string; stageId: string }) {
  return { title: deal.title, contactId: ids.contactId, pipelineId: ids.pipelineId, stageId: ids.stageId, amount: decimalOf(deal.amountMinor), currency: deal.currency, expectedCloseDate: deal.expectedCloseDate };
}

/** A ticket the desk opens itself (not a complaint's: the feedback API opens those). */
export function ticketBody(ticket: DemoTicket, contactId: string, assigneeId: string) {
  return { subject: ticket.subject, description: ticket.description, contactId, priority: ticket.priority, channel: ticket.channel, assigneeId };
}

/** The campaign's segment: the contacts carrying its tag, which are its generated audience. */
export function segmentBody(campaign: DemoCampaign) {
  return { name: `Audience: ${campaign.name}`, rules: { all: [{ field: 'tags', op: 'contains', value: campaign.tag }] } };
}

export function campaignBody(campaign: DemoCampaign, segmentId: string, currency: string) {
  return { name: campaign.name, channel: campaign.channel, segmentId, currency, budget: decimalOf(campaign.budgetMinor), startAt: campaign.startsAt, endAt: campaign.endsAt };
}

export function conversionBody(conversion: DemoCampaign['conversions'][number], contactId: string) {
  return { contactId, value: decimalOf(conversion.amountMinor), occurredAt: conversion.at };
}

/** A task links its deal by the deal's id; a ticket's follow-up names the ticket in its title. */
export function taskBody(task: DemoTask, ids: { assigneeId: string; contactId: string; dealId?: string }) {
  return { title: task.title, type: task.type, dueAt: task.dueAt, assigneeId: ids.assigneeId, contactId: ids.contactId, ...(ids.dealId ? { dealId: ids.dealId } : {}) };
}
