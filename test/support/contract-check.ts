import { buildOpenApiDocument, matchRoute, ROUTES, type RouteId } from '@rapport/http';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * Checks an answer of the API against the OpenAPI document: the status must be documented for the
 * route, and a JSON body must fit that status's schema (JSON Schema 2020-12, as OpenAPI 3.1 says).
 * The e2e client runs it on every response, so every e2e test is also a contract test.
 */
const document = buildOpenApiDocument();
const DOCUMENT_ID = 'https://rapport.test/openapi.json';
const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
addFormats.default(ajv);
ajv.addSchema({ ...document, $id: DOCUMENT_ID });

const validators = new Map<string, ValidateFunction>();
const pointer = (...parts: string[]) => parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

function validatorFor(ref: string): ValidateFunction {
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: `${DOCUMENT_ID}#/${ref}` });
    validators.set(ref, validate);
  }
  return validate;
}

/** The route each response answered, with the statuses seen, for the coverage check. */
export const exercised = new Map<RouteId, Set<number>>();

export class ContractViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractViolation';
  }
}

export function checkResponse(method: string, url: string, status: number, headers: Headers, body: unknown): void {
  const contentType = headers.get('content-type');
  const path = new URL(url).pathname;
  const match = matchRoute(method, path);
  const where = `${method} ${path} → ${status}`;
  if (match.kind !== 'route') {
    // No route: the fallback answers 404 or 405 in the error shape.
    assertFits(validatorFor(pointer('components', 'schemas', 'Error')), body, where);
    return;
  }
  const route = ROUTES[match.id];
  const responses = document.paths[route.path]![route.method.toLowerCase()]!.responses;
  const documented = responses[String(status)];
  if (!documented) throw new ContractViolation(`${where}: status ${status} is not documented for ${match.id} (documented: ${Object.keys(responses).join(', ')})`);
  for (const [name, header] of Object.entries(documented.headers ?? {})) {
    const required = (header as { required?: boolean; $ref?: string }).required === true || '$ref' in (header as object);
    if (required && !headers.has(name)) throw new ContractViolation(`${where}: the documented header ${name} is missing`);
  }
  let statuses = exercised.get(match.id);
  if (!statuses) exercised.set(match.id, (statuses = new Set()));
  statuses.add(status);
  const media = Object.keys(documented.content ?? {});
  if (media.length === 0) {
    if (body !== undefined && body !== '') throw new ContractViolation(`${where}: documented without a body, but one came`);
    return;
  }
  const mediaType = contentType?.split(';')[0]?.trim();
  if (!mediaType || !media.includes(mediaType)) throw new ContractViolation(`${where}: content type ${contentType} is not documented (${media.join(', ')})`);
  if (mediaType !== 'application/json') return;
  assertFits(validatorFor(pointer('paths', route.path, route.method.toLowerCase(), 'responses', String(status), 'content', mediaType, 'schema')), body, where);
}

function assertFits(validate: ValidateFunction, body: unknown, where: string) {
  if (validate(body)) return;
  const problems = (validate.errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message}${error.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : ''}`);
  throw new ContractViolation(`${where}: the body does not fit the documented schema: ${problems.join('; ')}\n${JSON.stringify(body).slice(0, 2000)}`);
}
