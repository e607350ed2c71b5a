import { DynamoFieldDefinitionRepository } from '@rapport/data';
import { createFieldDefinitionService, type Actor } from '@rapport/domain';
import { createCommonRuntime, oncePerContainer, type CommonRuntime } from './common';

/** The workspace's custom field definitions. */
export interface FieldsRuntime extends CommonRuntime {
  fieldsFor(actor: Actor): ReturnType<typeof createFieldDefinitionService>;
}

export function createFieldsRuntime(environment: NodeJS.ProcessEnv): FieldsRuntime {
  const common = createCommonRuntime(environment);
  const { table, clock } = common;
  return {
    ...common,
    fieldsFor: (actor) => createFieldDefinitionService({ fields: new DynamoFieldDefinitionRepository(table, actor.auth.tenantId), clock }, actor),
  };
}

export const fieldsRuntime = oncePerContainer(createFieldsRuntime);
