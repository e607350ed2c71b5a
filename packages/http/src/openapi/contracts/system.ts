import * as z from 'zod';
import type { RouteContract } from '../contract';
import { endpointsOf } from '../../endpoint';
import { systemRoutes } from '../../routes/system';

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
} satisfies Record<keyof typeof systemRoutes, RouteContract>;

/** The system routes with their contracts, as the handlers are built from them. */
export const systemEndpoints = /* @__PURE__ */ endpointsOf(systemRoutes, systemContracts);
