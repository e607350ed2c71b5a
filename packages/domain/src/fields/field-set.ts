import type { FieldDefinition, FieldEntity } from './field-definition';

/** The tenant's current custom fields of one entity, by key and by id. */
export interface FieldSet {
  entity: FieldEntity;
  definitions: FieldDefinition[];
  byKey: ReadonlyMap<string, FieldDefinition>;
  byId: ReadonlyMap<string, FieldDefinition>;
}

export function fieldSetOf(definitions: readonly FieldDefinition[], entity: FieldEntity): FieldSet {
  const ofEntity = definitions.filter((definition) => definition.entity === entity);
  return {
    entity,
    definitions: ofEntity,
    byKey: new Map(ofEntity.map((definition) => [definition.key, definition])),
    byId: new Map(ofEntity.map((definition) => [definition.id, definition])),
  };
}
