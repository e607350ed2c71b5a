import { NotFoundError, VersionConflictError } from '../errors';
import type { Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import { snapshotOf, type Company } from './company';
import type { CompanyCreateInput, CompanyPatchInput } from './company.schema';
import { customerScopeOf } from './customer-scope';
import type { CompanyRepository } from './ports';

export interface CompanyServiceDeps {
  companies: CompanyRepository;
  clock: Clock;
}

/** Times an update re-reads and retries when another write moved the company in between. */
const UPDATE_ATTEMPTS = 3;

/**
 * Company (account) use-cases for one caller; `deps.companies` is bound to the caller's tenant.
 * Companies follow the contacts' permissions and scope: without `contacts:read_all` a caller sees
 * and changes only the companies they own, and any other answers 404. Nothing in a company is
 * personal data, so nothing is masked.
 */
export function createCompanyService(deps: CompanyServiceDeps, actor: Actor) {
  const scope = customerScopeOf(actor);

  async function load(id: string): Promise<Company> {
    const company = await deps.companies.get(id);
    if (!company || !scope.owns(company.ownerId)) throw new NotFoundError('company', id);
    return company;
  }

  return {
    async create(input: CompanyCreateInput): Promise<Company> {
      const now = deps.clock.now().toISOString();
      const company: Company = { ...input, id: newId(), ownerId: actor.auth.userId, contactCount: 0, version: 1, createdAt: now, updatedAt: now };
      await deps.companies.create(
        company,
        scope.audited({ action: 'company.created', target: { type: 'company', id: company.id }, changedFields: Object.keys(input).sort() }),
      );
      return company;
    },

    get: load,

    async list(options: { limit: number; afterId?: string }) {
      return deps.companies.list({ ...options, ...(scope.seesAll ? {} : { ownerId: actor.auth.userId }) });
    },

    async update(id: string, patch: CompanyPatchInput, expectedVersion?: number): Promise<Company> {
      for (let attempt = 1; ; attempt++) {
        const current = await load(id);
        if (expectedVersion !== undefined && expectedVersion !== current.version) {
          throw new VersionConflictError('company', id, expectedVersion, current.version);
        }
        const next = applyPatch(current, patch, deps.clock.now().toISOString());
        const changedFields = Object.keys(patch)
          .filter((field) => field !== 'version' && JSON.stringify(current[field as keyof Company]) !== JSON.stringify(next[field as keyof Company]))
          .sort();
        try {
          await deps.companies.replace(next, current, scope.audited({ action: 'company.updated', target: { type: 'company', id }, changedFields }));
          // The contacts' copies are derived data, rewritten after the change they follow: were this
          // to stop midway, the next update of the company rewrites them all again.
          if (JSON.stringify(snapshotOf(current)) !== JSON.stringify(snapshotOf(next))) await deps.companies.refreshSnapshots(snapshotOf(next), next.version);
          return next;
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
  const { version: _version, ...fields } = patch;
  const next: Company = { ...current, version: current.version + 1, updatedAt };
  for (const [field, value] of Object.entries(fields)) {
    if (value === null) delete next[field as keyof Company];
    else if (value !== undefined) Object.assign(next, { [field]: value });
  }
  return next;
}

export type CompanyService = ReturnType<typeof createCompanyService>;
