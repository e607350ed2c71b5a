import { auditContextOf } from '../audit/audit-context';
import type { AuditAction } from '../audit/audit-event';
import { customerScopeOf } from '../customers/customer-scope';
import { NotFoundError, VersionConflictError } from '../errors';
import { fieldSetOf } from '../fields/field-set';
import type { FieldDefinitionRepository } from '../fields/ports';
import type { Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import type { SegmentDataSource, SegmentRepository } from './ports';
import type { Segment } from './segment';
import { compileRules, type CompiledNode } from './segment-evaluation';
import { evaluateSegment } from './segment-evaluator';
import type { SegmentCreateInput, SegmentPatchInput } from './segment.schema';
import type { RuleNode } from './segment-rules';

/** Contacts one page of members may read before it answers with what it found and a cursor. */
export const MEMBER_SCAN_LIMIT = 1000;

export interface SegmentServiceDeps {
  segments: SegmentRepository;
  source: SegmentDataSource;
  fields: FieldDefinitionRepository;
  clock: Clock;
}

/** Segments of the caller's workspace (`marketing:*`); `deps` are bound to its tenant. */
export function createSegmentService(deps: SegmentServiceDeps, actor: Actor) {
  const scope = customerScopeOf(actor);
  const audited = (action: AuditAction, id: string, changedFields?: string[]) => ({
    context: auditContextOf(actor),
    entry: { action, target: { type: 'segment', id }, outcome: 'success' as const, ...(changedFields ? { changedFields } : {}) },
  });

  async function compile(rules: RuleNode): Promise<CompiledNode> {
    return compileRules(rules, fieldSetOf(await deps.fields.listAll(), 'contact'));
  }

  async function load(id: string): Promise<Segment> {
    const segment = await deps.segments.get(id);
    if (!segment) throw new NotFoundError('segment', id);
    return segment;
  }

  /** Every member's id (in id order), for a campaign's audience; cost is bounded by the tenant's contacts. */
  async function allMemberIds(segment: Segment): Promise<string[]> {
    const result = await evaluateSegment(await compile(segment.rules), deps.source, {
      scanLimit: Number.POSITIVE_INFINITY,
      memberLimit: Number.POSITIVE_INFINITY,
      now: deps.clock.now(),
      owns: scope.owns,
      withReasons: false,
    });
    return result.members.map((member) => member.contactId);
  }

  return {
    async create(input: SegmentCreateInput): Promise<Segment> {
      await compile(input.rules);
      const now = deps.clock.now().toISOString();
      const segment: Segment = {
        id: newId(),
        name: input.name,
        ...(input.description ? { description: input.description } : {}),
        rules: input.rules,
        createdBy: actor.auth.userId,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await deps.segments.create(segment, audited('segment.created', segment.id, Object.keys(input).sort()));
      return segment;
    },

    get: load,

    list: (options: { limit: number; afterId?: string }) => deps.segments.list(options),

    async update(id: string, patch: SegmentPatchInput, expectedVersion?: number): Promise<Segment> {
      const current = await load(id);
      if (expectedVersion !== undefined && expectedVersion !== current.version) throw new VersionConflictError('segment', id, expectedVersion, current.version);
      if (patch.rules) await compile(patch.rules);
      const { version: _version, ...fields } = patch;
      const next: Segment = { ...current, version: current.version + 1, updatedAt: deps.clock.now().toISOString() };
      for (const [field, value] of Object.entries(fields)) {
        if (value === null) delete next[field as keyof Segment];
        else if (value !== undefined) Object.assign(next, { [field]: value });
      }
      const changed = Object.keys(fields).filter((field) => JSON.stringify(current[field as keyof Segment]) !== JSON.stringify(next[field as keyof Segment])).sort();
      await deps.segments.replace(next, current, audited('segment.updated', id, changed));
      return next;
    },

    async delete(id: string): Promise<void> {
      await deps.segments.delete(id, audited('segment.deleted', id));
    },

    /** A page of members, in contact id order, with why each matched. */
    async members(id: string, options: { limit: number; afterId?: string }) {
      const segment = await load(id);
      const result = await evaluateSegment(await compile(segment.rules), deps.source, {
        ...(options.afterId ? { afterId: options.afterId } : {}),
        scanLimit: MEMBER_SCAN_LIMIT,
        memberLimit: options.limit,
        now: deps.clock.now(),
        owns: scope.owns,
        withReasons: true,
      });
      return { items: result.members, lastId: result.lastId };
    },

    /** How many contacts match now, and what counting them cost. */
    async count(id: string) {
      const segment = await load(id);
      const result = await evaluateSegment(await compile(segment.rules), deps.source, {
        scanLimit: Number.POSITIVE_INFINITY,
        memberLimit: Number.POSITIVE_INFINITY,
        now: deps.clock.now(),
        owns: scope.owns,
        withReasons: false,
      });
      return { segmentId: id, members: result.members.length, ...result.cost };
    },

    async audienceOf(id: string): Promise<string[]> {
      return allMemberIds(await load(id));
    },
  };
}

export type SegmentService = ReturnType<typeof createSegmentService>;
