import { stringify } from 'csv-stringify/sync';
import { auditContextOf } from '../audit/audit-context';
import type { AuditLog } from '../audit/audit-log';
import type { AuditEntry } from '../audit/audit-event';
import type { Audited } from '../access/ports';
import type { FieldCipher } from '../privacy/field-cipher';
import { hasPermission, type Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import { customFieldCodec, withCustomFields } from '../fields/custom-field-codec';
import type { StoredContact } from './contact';
import type { FieldDefinitionRepository } from '../fields/ports';
import { completenessOf } from './contact-completeness';
import { hasPersonalData, openContact } from './contact-crypto';
import { masked, type ContactView } from './contact.service';
import type { ContactRepository, ExportFileStore } from './ports';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
/** `csv` (RFC 4180, a header row) or `json` (JSON Lines: one contact per line). */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The columns of an export, in order: every field of a contact as the API shows it. In CSV,
 * `customFields` is one cell holding the values as a JSON object (empty when there are none).
 */
export const EXPORT_FIELDS = [
  'id',
  'firstName',
  'lastName',
  'email',
  'phone',
  'company',
  'title',
  'tags',
  'address',
  'birthday',
  'notes',
  'companyId',
  'lifecycleStage',
  'sourceChannel',
  'region',
  'customFields',
  'completeness',
  'ownerId',
  'version',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof ContactView)[];

/** Tags share one CSV cell; a tag is a trimmed name, so `; ` cannot be mistaken for part of one. */
export const CSV_TAG_SEPARATOR = '; ';

/** Contacts read per query: a page of about 500 KB of items, well under DynamoDB's 1 MB per query. */
export const EXPORT_PAGE_SIZE = 500;

export interface ContactExportDeps {
  contacts: ContactRepository;
  cipher: FieldCipher;
  /** The tenant's custom field definitions: stored values are keyed by field id, sensitive ones encrypted. */
  fields: FieldDefinitionRepository;
  files: ExportFileStore;
  auditLog: AuditLog;
  clock: Clock;
  /** @default EXPORT_PAGE_SIZE */
  pageSize?: number;
}

export interface ContactExport {
  exportId: string;
  format: ExportFormat;
  /** Contacts in the file. */
  count: number;
  fields: readonly string[];
  /** Whether personal fields are in clear (the caller has `pii:read`) or masked. */
  personalData: 'clear' | 'masked';
  url: string;
  expiresAt: string;
}

/**
 * Exports the contacts the caller may see (all of them with `contacts:read_all`, else their own),
 * page by page through the contact listing index, straight into the file store: memory holds one
 * page, whatever the number of contacts. Personal fields are in clear only for callers with
 * `pii:read`, masked otherwise. One `contacts.exported` event names the fields and the count, and
 * an export in clear is audited as a read of personal data too; neither holds a value.
 */
export function createContactExportService(deps: ContactExportDeps, actor: Actor) {
  const seesAll = hasPermission(actor.auth, 'contacts:read_all');
  const inClear = hasPermission(actor.auth, 'pii:read');
  const pageSize = deps.pageSize ?? EXPORT_PAGE_SIZE;
  const audited = (entry: Omit<AuditEntry, 'outcome'>): Audited => ({ context: auditContextOf(actor), entry: { ...entry, outcome: 'success' } });
  const custom = customFieldCodec(deps, 'contact');

  /** A stored contact as the contact routes show it to the caller, and whether it shows personal data in clear. */
  async function present(stored: StoredContact): Promise<{ contact: ContactView; revealsPersonalData: boolean }> {
    const opened = withCustomFields(await openContact(deps.cipher, stored), await custom.open(`contact#${stored.id}`, stored.customFields));
    const shown = inClear ? opened : withCustomFields(masked(opened), await custom.mask(opened.customFields));
    const revealsPersonalData = inClear && (hasPersonalData(opened) || (await custom.hasSensitive(opened.customFields)));
    return { contact: { ...shown, completeness: completenessOf(opened) }, revealsPersonalData };
  }

  return {
    async export(format: ExportFormat): Promise<ContactExport> {
      const tenantId = actor.auth.tenantId;
      const exportId = newId();
      const tally = { contacts: 0, withPersonalData: 0 };

      async function* contacts(): AsyncGenerator<ContactView> {
        let afterId: string | undefined;
        do {
          const page = await deps.contacts.list({ limit: pageSize, ...(afterId ? { afterId } : {}), ...(seesAll ? {} : { ownerId: actor.auth.userId }) });
          for (const { contact, revealsPersonalData } of await Promise.all(page.items.map(present))) {
            tally.contacts += 1;
            if (revealsPersonalData) tally.withPersonalData += 1;
            yield contact;
          }
          afterId = page.lastId ?? undefined;
        } while (afterId);
      }

      const day = deps.clock.now().toISOString().slice(0, 10);
      const link = await deps.files.save({
        tenantId,
        exportId,
        fileName: `contacts-${day}.${format === 'csv' ? 'csv' : 'jsonl'}`,
        contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
        content: format === 'csv' ? csvLines(contacts()) : jsonLines(contacts()),
      });

      const target = { type: 'contact-export', id: exportId };
      const personalData = inClear ? 'clear' : 'masked';
      await deps.auditLog.record(
        tenantId,
        audited({ action: 'contacts.exported', target, details: { format, contacts: tally.contacts, fields: EXPORT_FIELDS.join(','), personalData } }),
      );
      if (inClear && tally.withPersonalData > 0) {
        // One event for the whole file: listing every contact's id would not fit an audit item at 100k contacts.
        await deps.auditLog.record(tenantId, audited({ action: 'contact.pii_read', target, details: { contacts: tally.withPersonalData, via: 'export' } }));
      }
      return { exportId, format, count: tally.contacts, fields: EXPORT_FIELDS, personalData, ...link };
    },
  };
}

async function* csvLines(contacts: AsyncIterable<ContactView>): AsyncGenerator<string> {
  yield stringify([EXPORT_FIELDS]);
  for await (const contact of contacts) {
    yield stringify([EXPORT_FIELDS.map((field) => cellOf(contact, field))]);
  }
}

function cellOf(contact: ContactView, field: (typeof EXPORT_FIELDS)[number]): string {
  const value = contact[field];
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.join(CSV_TAG_SEPARATOR);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

async function* jsonLines(contacts: AsyncIterable<ContactView>): AsyncGenerator<string> {
  for await (const contact of contacts) yield `${JSON.stringify(contact)}\n`;
}

export type ContactExportService = ReturnType<typeof createContactExportService>;
