import type { RouteDefinition } from './route-definition';

/**
 * People's data requests (see `route-definition.ts`): a person's copy of everything held about them,
 * and their erasure. An area of its own, so the contacts handlers do not bundle what reads every
 * kind of record; their contracts are in `../openapi/contracts/privacy.ts`.
 */
export const privacyRoutes = {
  exportContactSubject: {
    method: 'POST',
    path: '/v1/contacts/{id}/subject-export',
    handler: 'privacy/export-contact-subject',
    authorization: 'privacy:manage',
    access: { table: 'readWrite', fieldKeys: true, contactExports: true },
    timeoutSeconds: 29,
    summary: 'Export everything held about one person (a data-subject access request) into a JSON file, and answer with a short-lived link to it',
  },
  eraseContact: {
    method: 'POST',
    path: '/v1/contacts/{id}/erasure',
    handler: 'privacy/erase-contact',
    authorization: 'privacy:manage',
    access: { table: 'readWrite' },
    timeoutSeconds: 29,
    summary: 'Erase one person: their contact and every record of theirs, answered with a dated receipt',
  },
} as const satisfies Record<string, RouteDefinition>;
