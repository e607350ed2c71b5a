/**
 * Waits for reads started together and answers their values; when some fail, throws the failure
 * of the first one listed, whichever failed first in time. A request then answers the same error
 * however its reads race (a bad custom field before a bad `companyId`), as when they ran in turn.
 */
export async function together<T extends readonly unknown[]>(work: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(work);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
