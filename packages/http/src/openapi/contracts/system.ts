import * as z from 'zod';
import type { RouteContract } from '../contract';
import type { RouteId } from '../../routes';

export const systemContracts = {
  getOpenApi: {
    tag: 'system',
    request: {},
    responses: {
      200: {
        description: 'This document: OpenAPI 3.1, generated from the schemas the API validates with',
        body: z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) }),
      },
    },
  },
} satisfies Partial<Record<RouteId, RouteContract>>;
