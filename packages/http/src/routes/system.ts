import { PUBLIC, type RouteDefinition } from './route-definition';

/** The system routes (see `route-definition.ts`); their contracts are in `../openapi/contracts/system.ts`. */
export const systemRoutes = {
  getOpenApi: {
    method: 'GET',
    path: '/v1/openapi.json',
    handler: 'system/get-openapi',
    authorization: PUBLIC,
    access: {},
    summary: 'This API as an OpenAPI 3.1 document',
  },
} as const satisfies Record<string, RouteDefinition>;
