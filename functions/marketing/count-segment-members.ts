import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { segmentIdParams } from './marketing-http';

export const createCountSegmentMembersHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'countSegmentMembers', { params: segmentIdParams }, async ({ params, actor }) => ok(await rt.segmentsFor(actor).count(params.id)));

export const handler = createCountSegmentMembersHandler(runtime());
