import { transactionCreateSchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { contactIdParams } from '../contacts/contact-http';
import { runtime, type Runtime } from '../shared/runtime';

export const createAddTransactionHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'addTransaction', { params: contactIdParams, body: transactionCreateSchema }, async ({ params, body, actor }) => {
    return created(await rt.customerRecordsFor(actor).addTransaction(params.id, body));
  });

export const handler = createAddTransactionHandler(runtime());
