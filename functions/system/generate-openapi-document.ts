/** `npm run generate:openapi`: rewrites the OpenAPI document `GET /v1/openapi.json` serves, from the route table and contracts. */
import { buildOpenApiDocument } from '@rapport/http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocumentModule } from './openapi-document';

const file = join(import.meta.dirname, 'openapi-document.gen.ts');
writeFileSync(file, openApiDocumentModule(buildOpenApiDocument()));
console.log(`Wrote ${file}`);
