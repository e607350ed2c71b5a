import { createFallbackHandler } from '@rapport/http';
import { runtime } from '../shared/runtime';

export const handler = createFallbackHandler(runtime());
