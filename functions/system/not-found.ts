import { createFallbackHandler } from '@rapport/http';
import { commonRuntime } from '../shared/runtime/common';

export const handler = createFallbackHandler(commonRuntime());
