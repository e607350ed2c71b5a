import * as z from 'zod';
import { text } from '../shared/text';
import { LIFECYCLE_STAGES } from './company';

/**
 * The attributes that segment customers, companies and contacts alike, for the analytics that
 * slice by lifecycle, region and channel. One definition, so both entities validate them the same
 * way. (Its own file because contact.schema and company.schema both use it, and company.schema
 * already imports contact.schema.)
 */

/** A channel name, lower-cased so that `Web` and `web` count as one channel in analytics. */
export const channelSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'must not be empty')
  .max(50, 'must be at most 50 characters')
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be a channel name of letters, digits, - and _ (such as web or referral)');

/** One of `values`, with a message that lists them. */
export const enumOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => (issue.input === undefined ? 'is required' : `must be one of ${values.join(', ')}`) });

export const segmentFields = {
  region: text(100),
  lifecycleStage: enumOf(LIFECYCLE_STAGES),
  sourceChannel: channelSchema,
};
