import { ERASED_KINDS, type ErasedKind, type SubjectExportKind } from '@rapport/domain';
import * as z from 'zod';
import { contactIdParams, okWith, type RouteContract } from '../contract';
import { endpointsOf } from '../../endpoint';
import { privacyRoutes } from '../../routes/privacy';

const SUBJECT_EXPORT_KINDS = [
  'transactions',
  'interactions',
  'feedback',
  'behaviourDays',
  'deals',
  'tickets',
  'tasks',
  'campaigns',
  'auditReferences',
] as const satisfies readonly SubjectExportKind[];

const countsOf = <K extends string>(kinds: readonly K[]) => z.object(Object.fromEntries(kinds.map((kind) => [kind, z.int().min(0)])) as Record<K, z.ZodInt>);

const subjectExportSchema = z
  .object({
    exportId: z.string(),
    contactId: z.string(),
    counts: countsOf(SUBJECT_EXPORT_KINDS).describe('Records of each kind in the file (besides the contact itself)'),
    url: z.url().describe('Downloads the JSON file until expiresAt (a presigned S3 link)'),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'SubjectExport' });

const erasureReceiptSchema = z
  .object({
    erasureId: z.string(),
    contactId: z.string().describe('The erased contact: an opaque id, never personal data'),
    erasedAt: z.iso.datetime(),
    erasedBy: z.string().describe('The user who asked for the erasure'),
    counts: countsOf(ERASED_KINDS as readonly ErasedKind[]).describe('Items erased of each kind'),
  })
  .meta({ id: 'ErasureReceipt' });

export const privacyContracts = {
  exportContactSubject: {
    tag: 'privacy',
    request: { params: contactIdParams },
    responses: okWith(subjectExportSchema, 'The file is written, every personal field in clear; download it from `url` within 15 minutes'),
  },
  eraseContact: {
    tag: 'privacy',
    request: { params: contactIdParams },
    responses: okWith(erasureReceiptSchema, 'The person is erased; keep the receipt (it holds no personal data). A repeated request answers 404'),
  },
} satisfies Record<keyof typeof privacyRoutes, RouteContract>;

export const privacyEndpoints = /* @__PURE__ */ endpointsOf(privacyRoutes, privacyContracts);
