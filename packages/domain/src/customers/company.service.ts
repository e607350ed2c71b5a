import type { AuditLog } from '../audit/audit-log';
import { NotFoundError, VersionConflictError } from '../errors';
import { customFieldCodec, withCustomFields } from '../fields/custom-field-codec';
import { applyCustomFieldChanges, changedCustomFields } from '../fields/custom-values';
import type { FieldDefinitionRepository } from '../fields/ports';
import type { FieldCipher } from '../privacy/field-cipher';
import type { Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import { snapshotOf, type Company } from './company';
import type { CompanyCreateInput, CompanyPatchInput } from './company.schema';
import { customerScopeOf } from './customer-scope';
import type { CompanyRepository } from './ports';

export interface CompanyServiceDeps {
  companies: CompanyRepository;
  /** The tenant's custom field definitions (read per request) and the cipher for sensitive values. */
  fields: FieldDefinitionRepository;
  cipher: FieldCipher;
  auditLog: AuditLog;
  clock: Clock;
}

/** Times an update re-reads and retries when another write moved the company in between. */
const UPDATE_ATTEMPTS = 3;

/**
 * Company (account) use-cases for one caller; `deps.companies` is bound to the caller's tenant.
 * Companies follow the contacts' permissions and scope: without `contacts:read_all` a caller sees
 * and changes only the companies they own, and any other answers 404. Only custom fields the
 * tenant marks sensitive are personal data: encrypted at rest, masked without `pii:read`, and
 * audited (`company.pii_read`) when shown in clear.
 */
export function createCompanyService(deps: CompanyServiceDeps, actor: Actor) {
  const scope = customerScopeOf(actor);
  const custom = customFieldCodec(deps, 'company');
  const itemKey = (id: string) => `company#${id}`;

  async function load(id: string): Promise<Company> {
    const company = await deps.companies.get(id);
    if (!company || !scope.owns(company.ownerId)) throw new NotFoundError('company', id);
    return company;
  }

  const seal = async (company: Company) => withCustomFields(company, await custom.seal(itemKey(company.id), company.customFields));
  const open = async (stored: Company) => withCustomFields(stored, await custom.open(itemKey(stored.id), stored.customFields));
  const shown = async (company: Company) => (scope.seesPersonalData ? company : withCustomFields(company, await custom.mask(company.customFields)));

  /** Companies as the caller may see them, auditing sensitive values shown in clear. */
  async function present(stored: Company[]): Promise<Company[]> {
    const companies = await Promise.all(stored.map(open));
    if (!scope.seesPersonalData) return Promise.all(companies.map(shown));
    const sensitive = await Promise.all(companies.map((company) => custom.hasSensitive(company.customFields)));
    const revealed = companies.filter((_company, index) => sensitive[index]).map((company) => company.id);
    if (revealed.length > 0) {
      await deps.auditLog.record(
        actor.auth.tenantId,
        scope.audited({ action: 'company.pii_read', target: { type: 'company', id: revealed[0]! }, targetIds: revealed, details: { companies: revealed.length } }),
      );
    }
    return companies;
  }

  return {
    async create(input: CompanyCreateInput): Promise<Company> {
      const now = deps.clock.now().toISOString();
      const { customFields: customInput, ...fields } = input;
      const customFields = applyCustomFieldChanges(undefined, await custom.check(customInput, 'create'));
      const company = withCustomFields<Company>({ ...fields, id: newId(), ownerId: actor.auth.userId, contactCount: 0, version: 1, createdAt: now, updatedAt: now }, customFields);
      const changedFields = [...Object.keys(fields), ...changedCustomFields(undefined, customFields)].sort();
      await deps.companies.create(await seal(company), scope.audited({ action: 'company.created', target: { type: 'company', id: company.id }, changedFields }));
      return shown(company);
    },

    async get(id: string): Promise<Company> {
      const [company] = await present([await load(id)]);
      return company!;
    },

    async list(options: { limit: number; afterId?: string }) {
      const page = await deps.companies.list({ ...options, ...(scope.seesAll ? {} : { ownerId: actor.auth.userId }) });
      return { items: await present(page.items), lastId: page.lastId };
    },

    async update(id: string, patch: CompanyPatchInput, expectedVersion?: number): Promise<Company> {
      const customChanges = await custom.check(patch.customFields, 'patch');
      for (let attempt = 1; ; attempt++) {
        const stored = await load(id);
        if (expectedVersion !== undefined && expectedVersion !== stored.version) {
          throw new VersionConflictError('company', id, expectedVersion, stored.version);
        }
        const current = await open(stored);
        const next = withCustomFields(applyPatch(current, patch, deps.clock.now().toISOString()), applyCustomFieldChanges(current.customFields, customChanges));
        const changedFields = [
          ...Object.keys(patch).filter(
            (field) => field !== 'version' && field !== 'customFields' && JSON.stringify(current[field as keyof Company]) !== JSON.stringify(next[field as keyof Company]),
          ),
          ...changedCustomFields(current.customFields, next.customFields),
        ].sort();
        try {
          await deps.companies.replace(await seal(next), stored, scope.audited({ action: 'company.updated', target: { type: 'company', id }, changedFields }));
          // The contacts' copies are derived data, rewritten after the change they follow: were this
          // to stop midway, the next update of the company rewrites them all again.
          if (JSON.stringify(snapshotOf(current)) !== JSON.stringify(snapshotOf(next))) await deps.companies.refreshSnapshots(snapshotOf(next), next.version);
          return shown(next);
        } catch (error) {
          // Without a version from the client the change applies to the current one: re-read and retry.
          if (!(error instanceof VersionConflictError) || expectedVersion !== undefined || attempt >= UPDATE_ATTEMPTS) throw error;
        }
      }
    },

    /** Refused with CompanyInUseError while contacts point at the company: unlink them first. */
    async delete(id: string, expectedVersion?: number): Promise<void> {
      await load(id);
      await deps.companies.delete(id, expectedVersion, scope.audited({ action: 'company.deleted', target: { type: 'company', id } }));
    },
  };
}

function applyPatch(current: Company, patch: CompanyPatchInput, updatedAt: string): Company {
  const { version: _version, customFields: _custom, ...fields } = patch;
  const next: Company = { ...current, version: current.version + 1, updatedAt };
  for (const [field, value] of Object.entries(fields)) {
    if (value === null) delete next[field as keyof Company];
    else if (value !== undefined) Object.assign(next, { [field]: value });
  }
  return next;
}

export type CompanyService = ReturnType<typeof createCompanyService>;
