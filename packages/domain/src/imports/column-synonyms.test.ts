import { describe, expect, it } from 'vitest';
import { normaliseHeader, suggestMapping } from './column-synonyms';

describe('normaliseHeader', () => {
  it.each([
    ['E-mail', 'email'],
    ['E-Mail Address', 'emailaddress'],
    ['email_address', 'emailaddress'],
    ['  First   Name ', 'firstname'],
    ['Prénom', 'prenom'],
    ['Country/Region', 'countryregion'],
  ])('%s → %s', (header, normalised) => {
    expect(normaliseHeader(header)).toBe(normalised);
  });
});

describe('suggestMapping', () => {
  it('maps a HubSpot contacts export', () => {
    expect(suggestMapping('contacts', ['First Name', 'Last Name', 'Email', 'Phone Number', 'Company Name', 'Job Title', 'Record ID'])).toEqual({
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'email',
      'Phone Number': 'phone',
      'Company Name': 'company',
      'Job Title': 'title',
      'Record ID': null,
    });
  });

  it('maps Salesforce, Pipedrive and Zoho spellings, whatever their case and punctuation', () => {
    expect(suggestMapping('contacts', ['FIRST_NAME', 'last-name', 'E-mail', 'Mobile', 'Account Name', 'Mailing Street', 'Birthdate', 'Description', 'tags'])).toEqual({
      FIRST_NAME: 'firstName',
      'last-name': 'lastName',
      'E-mail': 'email',
      Mobile: 'phone',
      'Account Name': 'company',
      'Mailing Street': 'address',
      Birthdate: 'birthday',
      Description: 'notes',
      tags: 'tags',
    });
  });

  it('suggests no field twice: the first matching column takes it', () => {
    expect(suggestMapping('contacts', ['Email', 'Work Email', 'Phone', 'Mobile'])).toEqual({ Email: 'email', 'Work Email': null, Phone: 'phone', Mobile: null });
  });

  it('suggests only the fields the entity has', () => {
    // A company's "Company Name" is its name; its stage and lead source are fields of companies.
    expect(suggestMapping('companies', ['Company Name', 'Website', 'Lifecycle Stage', 'Lead Source', 'First Name'])).toEqual({
      'Company Name': 'name',
      Website: 'domain',
      'Lifecycle Stage': 'lifecycleStage',
      'Lead Source': 'sourceChannel',
      'First Name': null,
    });
    expect(suggestMapping('transactions', ['Email', 'Lineitem Name', 'Qty', 'Price', 'Currency', 'Order Date', 'Order Number'])).toEqual({
      Email: 'contactEmail',
      'Lineitem Name': 'product',
      Qty: 'quantity',
      Price: 'unitPrice',
      Currency: 'currency',
      'Order Date': 'time',
      'Order Number': 'reference',
    });
  });

  it('maps a field by its own name too', () => {
    expect(suggestMapping('contacts', ['firstName', 'email'])).toEqual({ firstName: 'firstName', email: 'email' });
  });
});
