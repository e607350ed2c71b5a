/**
 * `npm run demo`: a living CRM in one command. Uses the API already running on PORT (`npm start`),
 * or starts the local stack exactly as `npm start` does (same `.data` folder and ports, so a later
 * `npm start` shows the same workspace); generates the seeded dataset, loads it through the API,
 * prints the logins, and keeps the stack it started serving until Ctrl-C.
 *
 *   npm run demo -- --customers 200 --seed 7 --concurrency 8
 */
import { LIFTED_RATE_LIMITS, startLocalStack } from '@rapport/local';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateDataset } from '../generator/generate';
import { loadDemo } from '../loader/load-demo';
import { hasRoute, PENDING_ROUTES } from '../loader/pending-areas';
import { MEASURED_WRITES_PER_SECOND, minutesFor, plannedWork } from '../loader/planned-work';

const root = resolve(import.meta.dirname, '../../../..');
const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '42' },
    concurrency: { type: 'string', default: '8' },
  },
});
const whole = (name: string, text: string, min: number) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    console.error(`--${name} must be a whole number of at least ${min}, not "${text}"`);
    process.exit(2);
  }
  return value;
};
const customers = whole('customers', values.customers, 1);
const seed = whole('seed', values.seed, 0);
const concurrency = whole('concurrency', values.concurrency, 1);
const port = Number(process.env.PORT ?? 3000);
const dataDir = resolve(root, process.env.RAPPORT_DATA_DIR ?? '.data');

async function runningApi(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/v1/openapi.json`, { signal: AbortSignal.timeout(1500) })).ok;
  } catch {
    return false;
  }
}

const existingUrl = `http://localhost:${port}`;
let stack: Awaited<ReturnType<typeof startLocalStack>> | undefined;
let apiUrl = existingUrl;
if (await runningApi(existingUrl)) {
  console.error(`Using the API already running at ${existingUrl} (mail read from ${join(dataDir, 'mail')}).`);
} else {
  console.error('Starting the local stack (as npm start does)...');
  stack = await startLocalStack({
    dataDir,
    apiPort: port,
    enginePorts: { dynamodb: Number(process.env.DYNAMODB_PORT ?? 8000), cognito: Number(process.env.COGNITO_PORT ?? 9229), s3: Number(process.env.S3_PORT ?? 4569) },
    functionsDir: resolve(root, 'functions'),
    // A bulk load of a fresh local workspace, not a tenant's traffic: over \`npm start\`'s API it meets the published limits and waits.
    rateLimits: LIFTED_RATE_LIMITS,
  });
  apiUrl = stack.api.url;
}

const started = Date.now();
const dataset = generateDataset({ seed, customers, today: new Date() });
console.error(
  `Generated seed ${seed}: ${dataset.contacts.length} contacts, ${dataset.companies.length} companies, ${dataset.orders.length} orders, ` +
    `${dataset.interactions.length} interactions, ${dataset.feedback.length} feedback, ${dataset.behaviour.length} visit days, ` +
    `${dataset.deals.length} deals, ${dataset.tickets.length} tickets, ${dataset.campaigns.length} campaigns, ${dataset.tasks.length} tasks (${dataset.from} to ${dataset.today}).`,
);
const work = plannedWork(dataset, hasRoute(PENDING_ROUTES.createTask));
console.error(
  `About ${work.requests} requests and ${work.events} behaviour events: ETA ~${minutesFor(work.requests + work.events, MEASURED_WRITES_PER_SECOND)} min ` +
    `at ~${MEASURED_WRITES_PER_SECOND} writes/s (measured on 2 cores at concurrency 8; re-estimated from this run after the contacts). Fewer customers load faster: --customers 300 takes a few minutes.`,
);

try {
  const result = await loadDemo({ apiUrl, dataset, mailDir: join(dataDir, 'mail'), concurrency });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(`
The demo workspace "${dataset.owner.companyName}" is ready (loaded in ${minutes} min).

  API       ${result.apiUrl}
  Log in    ${result.owner.email}   password ${result.owner.password}   (owner)
            curl -X POST ${result.apiUrl}/v1/auth/login -H 'content-type: application/json' \\
              -d '{"email":"${result.owner.email}","password":"${result.owner.password}"}'
  The team (same password):
${result.team.map((user) => `            ${user.email.padEnd(44)} ${user.role}`).join('\n')}
`);
} catch (error) {
  console.error(`\nThe demo could not be loaded: ${(error as Error).message}`);
  if (stack) await stack.stop();
  process.exit(1);
}

if (stack) {
  console.log('The local stack keeps running; press Ctrl-C to stop.');
  const running = stack;
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    running.stop().then(() => process.exit(0), (error: unknown) => (console.error(error), process.exit(1)));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
