import type { z } from 'zod';
import { contactCreateSchema } from '../contacts/contact.schema';
import { companyCreateSchema } from '../customers/company.schema';
import { transactionCreateSchema } from '../customers/customer-record.schema';
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
}

/**
 * Fields a file cannot fill: a company link needs the company's id in the workspace, which a CSV
 * from another CRM does not have; custom fields are the workspace's own, so their columns would
 * need mapping to its definitions (and sealing of the sensitive ones), which imports do not do yet.
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
    toInput: (cells) =>
      Object.fromEntries(
        Object.entries(cells).map(([field, cell]) => [field, types[field] === 'array' ? splitList(cell) : types[field] === 'number' ? numberOr(cell) : cell]),
      ),
    fieldOf: (path) => String(path[0] ?? 'row'),
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
  if (parsed.success) return { ok: true, input: parsed.data, cells };
  return { ok: false, errors: parsed.error.issues.map((issue) => ({ row, field: spec.fieldOf(issue.path), message: issue.message })) };
}
