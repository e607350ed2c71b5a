import type { ImportEntity } from './import-job';
import type { FieldDefinition } from '../fields/field-definition';
import { CUSTOM_FIELD_TARGET, IMPORT_SPECS } from './import-fields';

/**
 * A header as compared: lower case, accents dropped, and everything but letters and digits
 * removed, so `E-mail`, `E-Mail Address` and `email_address` meet `emailaddress`.
 */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * The column names other CRMs and tools export (HubSpot, Salesforce, Pipedrive, Zoho, Mailchimp,
 * Shopify, spreadsheets), by the field they fill. Written as exported; compared normalised.
 * A field an entity does not have is never suggested for it.
 */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  firstName: ['First Name', 'Firstname', 'Given Name', 'Forename', 'First', 'Contact First Name', 'Prénom', 'Vorname'],
  lastName: ['Last Name', 'Lastname', 'Surname', 'Family Name', 'Last', 'Contact Last Name', 'Nom', 'Nachname'],
  email: ['Email', 'E-mail', 'Email Address', 'E-mail Address', 'Mail', 'Primary Email', 'Work Email', 'Business Email', 'Email 1', 'Contact Email'],
  phone: ['Phone', 'Phone Number', 'Mobile', 'Mobile Phone', 'Mobile Phone Number', 'Cell', 'Cell Phone', 'Telephone', 'Tel', 'Work Phone', 'Business Phone', 'Primary Phone'],
  company: ['Company', 'Company Name', 'Organization', 'Organisation', 'Organization Name', 'Account Name', 'Account', 'Employer'],
  title: ['Title', 'Job Title', 'Position', 'Role', 'Job Role', 'Designation'],
  tags: ['Tags', 'Tag', 'Labels', 'Label', 'Categories', 'Segments'],
  address: ['Address', 'Street Address', 'Mailing Address', 'Mailing Street', 'Street', 'Billing Address', 'Postal Address'],
  birthday: ['Birthday', 'Birth Date', 'Birthdate', 'Date of Birth', 'DOB'],
  notes: ['Notes', 'Note', 'Description', 'Comments', 'Comment', 'Background Info'],
  lifecycleStage: ['Lifecycle Stage', 'Lifecycle', 'Stage', 'Lead Status', 'Status', 'Customer Type'],
  sourceChannel: ['Lead Source', 'Source', 'Original Source', 'Channel', 'Source Channel', 'Acquisition Channel', 'Utm Source'],
  name: ['Name', 'Company Name', 'Company', 'Account Name', 'Organization', 'Organisation', 'Organization Name', 'Business Name'],
  domain: ['Domain', 'Company Domain', 'Company Domain Name', 'Website', 'Website URL', 'Web Site', 'URL'],
  industry: ['Industry', 'Sector', 'Vertical'],
  size: ['Size', 'Company Size', 'Employees', 'Number of Employees', 'Employee Count', 'Headcount'],
  region: ['Region', 'Territory', 'Country', 'Country/Region', 'State/Region', 'Sales Region'],
  contactEmail: ['Email', 'E-mail', 'Email Address', 'Customer Email', 'Contact Email', 'Buyer Email', 'Billing Email'],
  contactId: ['Contact Id', 'Contact', 'Customer Id', 'Rapport Id'],
  product: ['Product', 'Product Name', 'Item', 'Item Name', 'Lineitem Name', 'SKU Name', 'Description'],
  quantity: ['Quantity', 'Qty', 'Lineitem Quantity', 'Units', 'Count'],
  unitPrice: ['Unit Price', 'Price', 'Lineitem Price', 'Item Price', 'Amount', 'Unit Cost'],
  currency: ['Currency', 'Currency Code', 'Deal Currency Code'],
  time: ['Time', 'Date', 'Order Date', 'Created At', 'Purchase Date', 'Close Date', 'Paid At'],
  reference: ['Reference', 'Order Number', 'Order Id', 'Order', 'Invoice Number', 'Name'],
};

/** Normalised header → field, per entity, for the fields the entity has (first synonym listed wins). */
const lookup = (entity: ImportEntity): Map<string, string> => {
  const table = new Map<string, string>();
  for (const field of IMPORT_SPECS[entity].fields) {
    table.set(normaliseHeader(field), field);
    for (const synonym of SYNONYMS[field] ?? []) if (!table.has(normaliseHeader(synonym))) table.set(normaliseHeader(synonym), field);
  }
  return table;
};
const LOOKUPS = new Map<ImportEntity, Map<string, string>>();

/**
 * A suggested mapping of a file's headers: each header to the field it most likely fills, or null.
 * No field is suggested twice: the first column that matches it takes it (a file with both `Email`
 * and `Work Email` maps the first and leaves the other for the user). The tenant's custom fields of
 * the entity (`customDefinitions`, already of that entity) are suggested for a header equal to
 * their key or label, compared as headers are; a built-in field's name or synonym comes first.
 */
export function suggestMapping(entity: ImportEntity, headers: readonly string[], customDefinitions: readonly FieldDefinition[] = []): Record<string, string | null> {
  let builtIn = LOOKUPS.get(entity);
  if (!builtIn) LOOKUPS.set(entity, (builtIn = lookup(entity)));
  const table = customDefinitions.length === 0 ? builtIn : new Map(builtIn);
  for (const definition of customDefinitions) {
    for (const name of [definition.key, definition.label]) {
      if (!table.has(normaliseHeader(name))) table.set(normaliseHeader(name), `${CUSTOM_FIELD_TARGET}${definition.key}`);
    }
  }
  const taken = new Set<string>();
  const mapping: Record<string, string | null> = {};
  for (const header of headers) {
    const field = table.get(normaliseHeader(header));
    mapping[header] = field && !taken.has(field) ? field : null;
    if (field) taken.add(field);
  }
  return mapping;
}
