/**
 * The demo dataset: everything `npm run demo` puts in a workspace, as plain data. Records refer to
 * each other by generator keys (`c0042`, `u-rep-1`), since ids are only known once the API has
 * created them. Times are ISO 8601 UTC; amounts are decimal strings in the catalogue's currency.
 */
export type LifecycleStage = 'lead' | 'prospect' | 'customer' | 'churned';
export type TeamRole = 'sales_manager' | 'sales_rep' | 'support_agent' | 'marketer';

export interface DemoUser {
  key: string;
  name: string;
  /** The part before `@`; the loader adds a per-run tag so each run's users are new. */
  emailLocalPart: string;
  roleId: TeamRole;
}

export interface DemoCompany {
  key: string;
  name: string;
  domain: string;
  industry: string;
  size: '1-10' | '11-50' | '51-200' | '201-500' | '501-1000' | '1001-5000' | '5001+';
  region: string;
  /** The sales rep who owns the account (and creates it, so they may see it). */
  ownerKey: string;
}

export interface DemoContact {
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  title: string;
  companyKey?: string;
  region: string;
  sourceChannel: string;
  lifecycleStage: LifecycleStage;
  ownerKey: string;
  /** When the contact first came in (the API stamps its own creation time; this orders the rest). */
  createdAt: string;
  tags: string[];
}

export interface DemoOrderLine {
  product: string;
  quantity: number;
  unitPrice: string;
}

export interface DemoOrder {
  contactKey: string;
  reference: string;
  time: string;
  currency: string;
  items: DemoOrderLine[];
}

export interface DemoInteraction {
  contactKey: string;
  /** Who logged it. */
  byKey: string;
  type: 'call' | 'email' | 'meeting' | 'chat' | 'note';
  direction?: 'inbound' | 'outbound';
  subject: string;
  body?: string;
  occurredAt: string;
  durationSeconds?: number;
}

export interface DemoFeedback {
  key: string;
  contactKey: string;
  kind: 'csat' | 'nps' | 'suggestion' | 'complaint';
  score?: number;
  comment?: string;
  channel: string;
  /** When the customer gave it (the feedback API records its own time; see the report). */
  givenAt: string;
}

/** A contact's visits on one day, which the loader sends as page_view, click and dwell events. */
export interface DemoBehaviourDay {
  contactKey: string;
  day: string;
  pageViews: number;
  clicks: number;
  dwellSeconds: number;
  /** Pages viewed that day, one per page view. */
  urls: string[];
}

export interface DemoPipelineStage {
  key: string;
  name: string;
  /** A whole percentage, 0–100, as the pipelines API takes it. */
  probability: number;
}

export interface DemoDeal {
  key: string;
  contactKey: string;
  ownerKey: string;
  title: string;
  stageKey: string;
  status: 'open' | 'won' | 'lost';
  amountMinor: number;
  currency: string;
  createdAt: string;
  expectedCloseDate: string;
  closedAt?: string;
  lostReason?: string;
  /** Stage keys in the order the deal first reached them. */
  stagesReached: string[];
}

export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';

export interface DemoTicket {
  key: string;
  contactKey: string;
  assigneeKey: string;
  subject: string;
  description: string;
  priority: TicketPriority;
  status: 'open' | 'pending' | 'resolved' | 'closed';
  channel: string;
  createdAt: string;
  firstResponseAt?: string;
  resolvedAt?: string;
  firstResponseDueAt: string;
  resolutionDueAt: string;
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
  /**
   * The complaint (feedback key) this ticket is the service desk's work on. The feedback API opens
   * that ticket itself, so the loader works the one it answers instead of creating another.
   */
  fromFeedbackKey?: string;
  /** The satisfaction rating after resolution, 1–5. */
  satisfaction?: number;
}

export interface DemoCampaign {
  key: string;
  name: string;
  channel: 'email' | 'sms' | 'social' | 'ads';
  ownerKey: string;
  startsAt: string;
  endsAt: string;
  budgetMinor: number;
  /**
   * The tag every audience member carries (given when the contact is created), so the campaign's
   * segment `tags contains <tag>` yields exactly this audience at launch.
   */
  tag: string;
  /** The contacts targeted. */
  audienceKeys: string[];
  /** Audience members who ordered within the attribution window after the start. */
  conversions: { contactKey: string; at: string; amountMinor: number }[];
}

export interface DemoTask {
  key: string;
  title: string;
  type: 'follow_up' | 'call' | 'visit';
  assigneeKey: string;
  contactKey: string;
  dealKey?: string;
  ticketKey?: string;
  /** When it is due (ISO, office hours of its day). */
  dueAt: string;
  status: 'open' | 'done';
  completedAt?: string;
}

export interface DemoDataset {
  seed: number;
  /** The last day of the two years (YYYY-MM-DD, UTC). */
  today: string;
  /** The first day of the two years. */
  from: string;
  currency: string;
  owner: { name: string; companyName: string };
  team: DemoUser[];
  companies: DemoCompany[];
  contacts: DemoContact[];
  orders: DemoOrder[];
  interactions: DemoInteraction[];
  feedback: DemoFeedback[];
  behaviour: DemoBehaviourDay[];
  pipeline: { name: string; stages: DemoPipelineStage[] };
  deals: DemoDeal[];
  tickets: DemoTicket[];
  campaigns: DemoCampaign[];
  tasks: DemoTask[];
}
