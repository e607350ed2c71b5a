import type * as z from 'zod';
import { contactCreateSchema } from '../contacts/contact.schema';
import { companyCreateSchema } from '../customers/company.schema';
import { transactionCreateSchema } from '../customers/customer-record.schema';
import { applyCustomFieldChanges, checkCustomFieldValues } from '../fields/custom-values';
import type { FieldEntity } from '../fields/field-definition';
import type { FieldSet } from '../fields/field-set';
import type { ImportEntity, RowError } from './import-job';

/**
 * What a CSV row of each entity becomes: the fields a column may fill, and the input the API's own
 * create schema validates. Contacts and companies take their fields from the schema's shape, so a
 * field added to `contactCreateSchema` can be imported with no change here.
 */
export interface ImportSpec {
  /** Fields a column may be mapped to. */
  fields: readonly string[];
  /** Each group needs at least one of its fields mapped (a contact needs firstName, an order its contact). */
  required: readonly (readonly string[])[];
  /** The API input of a row, from its mapped cells (empty cells left out). */
  toInput(cells: Record<string, string>): unknown;
  schema: z.ZodType;
  /** The row field a schema issue is about. */
  fieldOf(path: readonly PropertyKey[]): string;
  /** The tenant's custom fields of the entity, when it has any: each is a target `customFields.<key>`. */
  customFields?: FieldSet;
}

/** A mapping target naming a custom field: `customFields.loyalty_tier`. */
export const CUSTOM_FIELD_TARGET = 'customFields.';

/** The records custom fields are defined on, by the entity a file imports. */
export const FIELD_ENTITY_OF: Partial<Record<ImportEntity, FieldEntity>> = { contacts: 'contact', companies: 'company' };

/**
 * Fields a file cannot fill as such: a company link needs the company's id in the workspace, which
 * a CSV from another CRM does not have; custom fields are the workspace's own, so each is a target
 * of its own (`customFields.<key>`, see importSpecFor) rather than one column holding them all.
 */
const NOT_IMPORTABLE = new Set(['companyId', 'customFields']);

type SchemaDef = { type: string; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** The JSON type a field's schema takes, seen through optional, nullable, default and transforms. */
function inputType(schema: z.ZodType): string {
  const def = defOf(schema);
  if (def.innerType) return inputType(def.innerType);
  if (def.type === 'pipe' && def.in) return inputType(def.in);
  return def.type;
}

/** A list in one cell, as CRMs export it: `vip; newsletter`, `vip,newsletter` or `vip|newsletter`. */
const splitList = (cell: string) => cell.split(/[;,|]/).map((part) => part.trim()).filter((part) => part.length > 0);

/** Cells as the JSON the API takes: lists split, numbers parsed (a cell that is no number stays text, for the schema to refuse). */
function objectSpec(schema: z.ZodObject, required: string): ImportSpec {
  const types = Object.fromEntries(Object.entries(schema.shape).map(([field, fieldSchema]) => [field, inputType(fieldSchema as z.ZodType)]));
  const fields = Object.keys(types).filter((field) => !NOT_IMPORTABLE.has(field));
  return {
    fields,
    required: [[required]],
    schema,
    toInput: (cells) => {
      const input: Record<string, unknown> = {};
      const custom: Record<string, string> = {};
      for (const [field, cell] of Object.entries(cells)) {
        // Custom cells stay text: checkCustomFieldValues parses them as the field's type says.
        if (field.startsWith(CUSTOM_FIELD_TARGET)) custom[field.slice(CUSTOM_FIELD_TARGET.length)] = cell;
        else input[field] = types[field] === 'array' ? splitList(cell) : types[field] === 'number' ? numberOr(cell) : cell;
      }
      if (Object.keys(custom).length > 0) input.customFields = custom;
      return input;
    },
    fieldOf: (path) => (path[0] === 'customFields' && path[1] !== undefined ? `${CUSTOM_FIELD_TARGET}${String(path[1])}` : String(path[0] ?? 'row')),
  };
}

const numberOr = (cell: string): number | string => (/^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell);

/**
 * An order per row, of one product line: the columns other systems export for order lines. The
 * contact is named by its email or its id in this workspace.
 */
const transactionSpec: ImportSpec = {
  fields: ['contactEmail', 'contactId', 'product', 'quantity', 'unitPrice', 'currency', 'time', 'reference'],
  required: [['contactEmail', 'contactId'], ['product'], ['unitPrice'], ['currency']],
  schema: transactionCreateSchema,
  toInput: (cells) => ({
    items: [
      {
        ...(cells.product === undefined ? {} : { product: cells.product }),
        quantity: cells.quantity === undefined ? 1 : numberOr(cells.quantity),
        ...(cells.unitPrice === undefined ? {} : { unitPrice: cells.unitPrice }),
      },
    ],
    ...(cells.currency === undefined ? {} : { currency: cells.currency }),
    ...(cells.time === undefined ? {} : { time: cells.time }),
    ...(cells.reference === undefined ? {} : { reference: cells.reference }),
  }),
  // `items.0.unitPrice` is the row's unitPrice column.
  fieldOf: (path) => (path[0] === 'items' ? String(path[2] ?? 'product') : String(path[0] ?? 'row')),
};

export const IMPORT_SPECS: Record<ImportEntity, ImportSpec> = {
  contacts: objectSpec(contactCreateSchema, 'firstName'),
  companies: objectSpec(companyCreateSchema, 'name'),
  transactions: transactionSpec,
};

/**
 * The entity's spec for one tenant: its fields and its custom fields (the definitions of the
 * entity, read once per request or chunk), each a target `customFields.<key>`.
 */
export function importSpecFor(entity: ImportEntity, customFields: FieldSet | undefined): ImportSpec {
  const spec = IMPORT_SPECS[entity];
  if (FIELD_ENTITY_OF[entity] === undefined || customFields === undefined) return spec;
  return { ...spec, fields: [...spec.fields, ...customFields.definitions.map((definition) => `${CUSTOM_FIELD_TARGET}${definition.key}`)], customFields };
}

export type ValidatedRow = { ok: true; input: unknown; cells: Record<string, string> } | { ok: false; errors: RowError[] };

/** One row through its mapping and the API's schema: the same validation as a create request. */
export function validateRow(spec: ImportSpec, headers: readonly string[], mapping: Record<string, string | null>, values: readonly string[], row: number): ValidatedRow {
  const cells: Record<string, string> = {};
  headers.forEach((header, index) => {
    const field = mapping[header];
    const cell = values[index]?.trim() ?? '';
    if (field && cell !== '') cells[field] = cell;
  });
  const parsed = spec.schema.safeParse(spec.toInput(cells));
  const errors: RowError[] = parsed.success ? [] : parsed.error.issues.map((issue) => ({ row, field: spec.fieldOf(issue.path), message: issue.message }));
  if (!spec.customFields) return parsed.success ? { ok: true, input: parsed.data, cells } : { ok: false, errors };
  // Exactly as POST /v1/contacts checks them (required ones included), but from text: `42`, `yes`.
  const { customFields: given, ...fields } = (parsed.success ? parsed.data : {}) as { customFields?: Record<string, unknown> };
  const customCells = Object.fromEntries(Object.entries(cells).flatMap(([field, cell]) => (field.startsWith(CUSTOM_FIELD_TARGET) ? [[field.slice(CUSTOM_FIELD_TARGET.length), cell]] : [])));
  const checked = checkCustomFieldValues(spec.customFields, parsed.success ? given : customCells, { mode: 'create', fromText: true });
  const reported = new Set(errors.map((error) => error.field));
  errors.push(...checked.issues.filter((issue) => !reported.has(issue.field)).map((issue) => ({ row, ...issue })));
  if (errors.length > 0) return { ok: false, errors };
  const customFields = applyCustomFieldChanges(undefined, checked.values);
  return { ok: true, input: customFields === undefined ? fields : { ...fields, customFields }, cells };
}
