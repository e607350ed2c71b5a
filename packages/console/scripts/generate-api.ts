/** `npm run generate -w @rapport/console`: rewrites the console's API types from the OpenAPI document. */
import { writeFileSync } from 'node:fs';
import { API_TYPES_FILE, generateApiTypes } from '../build/api-types';

writeFileSync(API_TYPES_FILE, await generateApiTypes());
console.log(`Wrote ${API_TYPES_FILE}`);
