import { InvalidInputsError } from '../errors';
import type { FieldCipher } from '../privacy/field-cipher';
import { hasSensitiveValues, maskCustomFields, openCustomFields, sealCustomFields } from './custom-field-crypto';
import { checkCustomFieldValues, type CustomFieldChanges } from './custom-values';
import type { CustomFieldValues, FieldEntity } from './field-definition';
import { fieldSetOf, type FieldSet } from './field-set';
import type { FieldDefinitionRepository } from './ports';

export interface CustomFieldCodecDeps {
  fields: FieldDefinitionRepository;
  cipher: FieldCipher;
}

/**
 * The custom values of one entity's records for one request: checked, sealed, opened and masked
 * against the tenant's current definitions. The definitions are read at most once per codec (a
 * service instance serves one request), and only when a record has or is given custom values, or
 * a record is created (required fields), so a change to a definition applies to the very next
 * request without any cache to invalidate.
 */
export function customFieldCodec(deps: CustomFieldCodecDeps, entity: FieldEntity) {
  let loading: Promise<FieldSet> | undefined;
  const fieldSet = () => (loading ??= deps.fields.listAll().then((definitions) => fieldSetOf(definitions, entity)));

  return {
    fieldSet,

    /** A write's custom values, checked and normalised; throws InvalidInputsError naming each bad `customFields.<key>`. */
    async check(input: Record<string, unknown> | undefined, mode: 'create' | 'patch'): Promise<CustomFieldChanges> {
      if (mode === 'patch' && input === undefined) return {};
      const { values, issues } = checkCustomFieldValues(await fieldSet(), input, { mode });
      if (issues.length > 0) throw new InvalidInputsError(issues);
      return values;
    },

    /** `itemKey` is the record's (`contact#<id>`): sensitive ciphertexts are bound to it. */
    async seal(itemKey: string, values: CustomFieldValues | undefined): Promise<CustomFieldValues | undefined> {
      return values === undefined ? undefined : sealCustomFields(deps.cipher, await fieldSet(), itemKey, values);
    },

    async open(itemKey: string, stored: CustomFieldValues | undefined): Promise<CustomFieldValues | undefined> {
      return stored === undefined ? undefined : openCustomFields(deps.cipher, await fieldSet(), itemKey, stored);
    },

    async mask(values: CustomFieldValues | undefined): Promise<CustomFieldValues | undefined> {
      return values === undefined ? undefined : maskCustomFields(await fieldSet(), values);
    },

    async hasSensitive(values: CustomFieldValues | undefined): Promise<boolean> {
      return values !== undefined && hasSensitiveValues(await fieldSet(), values);
    },
  };
}

export type CustomFieldCodec = ReturnType<typeof customFieldCodec>;

/** Sets or removes `customFields` on a record copy, so an empty map is never stored or shown. */
export function withCustomFields<T extends { customFields?: CustomFieldValues }>(record: T, values: CustomFieldValues | undefined): T {
  const copy = { ...record };
  if (values === undefined) delete copy.customFields;
  else copy.customFields = values;
  return copy;
}
