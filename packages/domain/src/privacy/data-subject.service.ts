import type { Audited } from '../access/ports';
import { auditContextOf } from '../audit/audit-context';
import type { AuditEntry } from '../audit/audit-event';
import type { AuditLog } from '../audit/audit-log';
import { NotFoundError } from '../errors';
import { customFieldCodec, withCustomFields } from '../fields/custom-field-codec';
import type { FieldDefinitionRepository } from '../fields/ports';
import { openContact } from '../contacts/contact-crypto';
import type { ExportFileStore } from '../contacts/ports';
import { openRecord } from '../customers/record-privacy';
import type { Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import { openTask } from '../tasks/task-privacy';
import { openReply, openTicket } from '../tickets/ticket-privacy';
import type { FieldCipher } from './field-cipher';
import type { DataSubjectStore, ErasedCounts, SubjectHoldings } from './data-subject';

export interface DataSubjectDeps {
  store: DataSubjectStore;
  cipher: FieldCipher;
  /** The contact custom field definitions: sensitive values are encrypted under them. */
  fields: FieldDefinitionRepository;
  files: ExportFileStore;
  auditLog: AuditLog;
  clock: Clock;
}

/** What a subject export wrote, and how many records of each kind the file holds. */
export interface SubjectExport {
  exportId: string;
  contactId: string;
  counts: Record<SubjectExportKind, number>;
  url: string;
  expiresAt: string;
}

export type SubjectExportKind =
  | 'transactions'
  | 'interactions'
  | 'feedback'
  | 'behaviourDays'
  | 'deals'
  | 'tickets'
  | 'tasks'
  | 'campaigns'
  | 'auditReferences';

/** The dated receipt of an erasure: what was erased, when and by whom, and no personal value. */
export interface ErasureReceipt {
  erasureId: string;
  contactId: string;
  erasedAt: string;
  erasedBy: string;
  counts: ErasedCounts;
}

/**
 * The rights of the people a workspace holds data about: a copy of everything held about one
 * person (in clear: it is theirs), and their erasure with a receipt. Each is one audit event that
 * names the request and counts, never a value. Callers hold `privacy:manage`, a workspace-wide
 * duty (owner and admin), so neither is limited to the contacts the caller owns.
 */
export function createDataSubjectService(deps: DataSubjectDeps, actor: Actor) {
  const tenantId = actor.auth.tenantId;
  const audited = (entry: Omit<AuditEntry, 'outcome'>): Audited => ({ context: auditContextOf(actor), entry: { ...entry, outcome: 'success' } });

  return {
    async export(contactId: string): Promise<SubjectExport> {
      const holdings = await deps.store.holdings(contactId);
      if (!holdings) throw new NotFoundError('contact', contactId);
      const exportId = newId();
      const document = await openHoldings(deps, holdings);
      const counts = countsOf(holdings);
      const day = deps.clock.now().toISOString().slice(0, 10);
      const link = await deps.files.save({
        tenantId,
        exportId,
        fileName: `subject-${contactId}-${day}.json`,
        contentType: 'application/json; charset=utf-8',
        content: once(JSON.stringify({ exportId, contactId, exportedAt: deps.clock.now().toISOString(), ...document }, null, 2)),
      });
      await deps.auditLog.record(tenantId, audited({ action: 'contact.subject_exported', target: { type: 'contact', id: contactId }, details: { exportId, ...counts } }));
      return { exportId, contactId, counts, ...link };
    },

    async erase(contactId: string): Promise<ErasureReceipt> {
      const erasureId = newId();
      const erasedAt = deps.clock.now().toISOString();
      const counts = await deps.store.erase(contactId, (erased) =>
        audited({ action: 'contact.erased', target: { type: 'contact', id: contactId }, details: { erasureId, ...erased } }),
      );
      return { erasureId, contactId, erasedAt, erasedBy: actor.auth.userId, counts };
    },
  };
}

/** One person's copy is small (one partition and what names it): one chunk. */
async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

function countsOf(holdings: SubjectHoldings): SubjectExport['counts'] {
  const { collection } = holdings;
  return {
    transactions: collection.transactions.length,
    interactions: collection.interactions.length,
    feedback: collection.feedback.length,
    behaviourDays: collection.behaviour.length,
    deals: collection.deals.length,
    tickets: holdings.tickets.length,
    tasks: holdings.tasks.length,
    campaigns: holdings.campaigns.length,
    auditReferences: holdings.auditReferences.length,
  };
}

/** The holdings with every personal field decrypted: the person's copy shows what is held, in clear. */
async function openHoldings(deps: DataSubjectDeps, holdings: SubjectHoldings) {
  const { collection } = holdings;
  const custom = customFieldCodec(deps, 'contact');
  const profile = collection.profile;
  const contact = withCustomFields(await openContact(deps.cipher, profile), await custom.open(`contact#${profile.id}`, profile.customFields));
  return {
    contact,
    company: collection.company,
    transactions: await Promise.all(collection.transactions.map((record) => openRecord(deps.cipher, 'transaction', record))),
    interactions: await Promise.all(collection.interactions.map((record) => openRecord(deps.cipher, 'interaction', record))),
    feedback: await Promise.all(collection.feedback.map((record) => openRecord(deps.cipher, 'feedback', record))),
    behaviourDays: collection.behaviour,
    deals: collection.deals,
    tickets: await Promise.all(
      holdings.tickets.map(async ({ ticket, replies }) => ({
        ...(await openTicket(deps.cipher, ticket)),
        replies: await Promise.all(replies.map((reply) => openReply(deps.cipher, reply))),
      })),
    ),
    tasks: await Promise.all(holdings.tasks.map((task) => openTask(deps.cipher, task))),
    campaigns: holdings.campaigns,
    scores: collection.scores,
    auditReferences: holdings.auditReferences,
  };
}

export type DataSubjectService = ReturnType<typeof createDataSubjectService>;
