/** Time as a dependency, so use-cases can be tested at any instant without patching globals. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
