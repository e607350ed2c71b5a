import type { Audited } from '../access/ports';
import { InvalidInputError, NotFoundError, VersionConflictError } from '../errors';
import type { Page } from '../contacts/ports';
import { customerScopeOf } from '../customers/customer-scope';
import type { Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import { defaultPipeline, DEFAULT_PIPELINE_ID, type Pipeline, type Stage } from './pipeline';
import type { PipelineCreateInput, PipelinePatchInput } from './sales.schema';
import type { PipelineRepository } from './ports';

export interface PipelineServiceDeps {
  pipelines: PipelineRepository;
  clock: Clock;
}

/**
 * Pipelines of the caller's tenant. Everyone with `deals:read` reads them (the route decides);
 * creating and changing them is `pipelines:manage`. The default pipeline appears on first use.
 */
export function createPipelineService(deps: PipelineServiceDeps, actor: Actor) {
  const scope = customerScopeOf(actor);
  const audited = (action: 'pipeline.created' | 'pipeline.updated', id: string, changedFields: string[]): Audited =>
    scope.audited({ action, target: { type: 'pipeline', id }, changedFields });

  /** The default pipeline, created (audited, as this caller's first use) if the tenant has none yet. */
  async function ensureDefault(): Promise<Pipeline> {
    const stored = await deps.pipelines.get(DEFAULT_PIPELINE_ID);
    if (stored) return stored;
    const pipeline = defaultPipeline(deps.clock.now().toISOString());
    // Another request may create it at the same moment: then theirs is the one.
    if (!(await deps.pipelines.create(pipeline, audited('pipeline.created', pipeline.id, ['name', 'stages'])))) return (await deps.pipelines.get(DEFAULT_PIPELINE_ID))!;
    return pipeline;
  }

  async function load(id: string): Promise<Pipeline> {
    const pipeline = id === DEFAULT_PIPELINE_ID ? await ensureDefault() : await deps.pipelines.get(id);
    if (!pipeline) throw new NotFoundError('pipeline', id);
    return pipeline;
  }

  return {
    ensureDefault,
    get: load,

    /**
     * The pipeline and stage a new deal goes in: the default pipeline and the first stage when not
     * given; an unknown one is a 400 naming the field (the deal body refers to it).
     */
    async placement(pipelineId: string | undefined, stageId: string | undefined): Promise<{ pipeline: Pipeline; stage: Stage }> {
      const pipeline = pipelineId === undefined || pipelineId === DEFAULT_PIPELINE_ID ? await ensureDefault() : await deps.pipelines.get(pipelineId);
      if (!pipeline) throw new InvalidInputError('pipelineId', 'is not a pipeline of this workspace');
      const stage = stageId === undefined ? pipeline.stages[0]! : pipeline.stages.find((candidate) => candidate.id === stageId);
      if (!stage) throw new InvalidInputError('stageId', `is not a stage of the pipeline ${pipeline.name}`);
      return { pipeline, stage };
    },

    async create(input: PipelineCreateInput): Promise<Pipeline> {
      if (input.stages.some((stage) => stage.id !== undefined)) throw new InvalidInputError('stages', 'of a new pipeline cannot have ids');
      const now = deps.clock.now().toISOString();
      const pipeline: Pipeline = {
        id: newId(),
        name: input.name,
        stages: input.stages.map((stage) => ({ id: newId(), name: stage.name, probability: stage.probability })),
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await deps.pipelines.create(pipeline, audited('pipeline.created', pipeline.id, ['name', 'stages']));
      return pipeline;
    },

    async list(options: { limit: number; afterId?: string }): Promise<Page<Pipeline>> {
      if (options.afterId === undefined) await ensureDefault();
      return deps.pipelines.list(options);
    },

    async update(id: string, patch: PipelinePatchInput, expectedVersion?: number): Promise<Pipeline> {
      const current = await load(id);
      if (expectedVersion !== undefined && expectedVersion !== current.version) throw new VersionConflictError('pipeline', id, expectedVersion, current.version);
      const known = new Set(current.stages.map((stage) => stage.id));
      const stages =
        patch.stages?.map((stage, index) => {
          if (stage.id !== undefined && !known.has(stage.id)) throw new InvalidInputError(`stages.${index}.id`, 'is not a stage of this pipeline');
          return { id: stage.id ?? newId(), name: stage.name, probability: stage.probability };
        }) ?? current.stages;
      const next: Pipeline = { ...current, name: patch.name ?? current.name, stages, version: current.version + 1, updatedAt: deps.clock.now().toISOString() };
      const changedFields = (['name', 'stages'] as const).filter((field) => JSON.stringify(current[field]) !== JSON.stringify(next[field]));
      await deps.pipelines.replace(next, current, audited('pipeline.updated', id, [...changedFields]));
      return next;
    },
  };
}

export type PipelineService = ReturnType<typeof createPipelineService>;
