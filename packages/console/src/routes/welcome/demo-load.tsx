import { Alert, Anchor, Button, Code, Group, List, NativeSelect, Progress, Stack, Text } from '@mantine/core';
import { createApiCaller, generateDataset, loadIntoWorkspace, workspaceLoadSize, type ApiCallerOptions, type WorkspaceLoadResult, type WorkspaceStep } from '@rapport/demo/browser';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { unwrap, useApi, useMe, type Session } from '../../api';
import { ErrorState } from '../../components/states';
import { allows, SCREENS } from '../registry';

/** The sizes offered, in customers; the default loads in well under a minute on a laptop. */
export const DEMO_SIZES = [10, 50, 100] as const;
const DEFAULT_SIZE = 100;
/** One seed: everyone who loads a size gets the same customers (dated back from today). */
const DEMO_SEED = 42;
/** Requests in flight: a browser opens about six connections to one host. */
const CONCURRENCY = 6;

/** A coloured alert's title in the text colour: Mantine's light title colours fall below AA contrast. */
const ALERT_TEXT = { title: { color: 'var(--mantine-color-text)' } };

const STEP_WORDS: Record<WorkspaceStep, string> = { companies: 'companies', contacts: 'contacts', orders: 'orders', interactions: 'calls, emails and meetings', feedback: 'feedback' };

type LoadState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'has-contacts' }
  | { kind: 'loading'; done: number; total: number; step: WorkspaceStep | null }
  | { kind: 'done'; result: WorkspaceLoadResult; seconds: number }
  | { kind: 'cancelled'; done: number }
  | { kind: 'failed'; error: unknown; done: number };

/**
 * Sends the API the person's own access token, refreshing it once on a 401, as the console's
 * client does, for the demo loader's plain requests.
 */
function sessionFetch(session: Session): NonNullable<ApiCallerOptions['fetch']> {
  return async (url, init) => {
    const send = () => {
      const headers = new Headers(init.headers);
      const token = session.accessToken();
      if (token) headers.set('authorization', `Bearer ${token}`);
      return fetch(url, { ...init, headers });
    };
    const response = await send();
    if (response.status !== 401 || !(await session.refresh())) return response;
    return send();
  };
}

/**
 * "Load demo data": generates a seeded set of customers in the browser and writes them into the
 * person's own workspace through the API, with their own session (so it works wherever the console
 * runs, on AWS too), a few requests at a time, with a progress bar and a cancel button. A workspace
 * that has contacts already is asked first.
 */
export function DemoLoad() {
  const me = useMe();
  const { client, session } = useApi();
  const [size, setSize] = useState<number>(DEFAULT_SIZE);
  const [state, setState] = useState<LoadState>({ kind: 'idle' });
  const cancel = useRef<AbortController | null>(null);
  // Leaving the screen stops a load, as the cancel button does.
  useEffect(() => () => cancel.current?.abort(), []);
  const permissions = me.data?.permissions ?? [];
  const mayLoad = permissions.includes('contacts:write') && permissions.includes('contacts:read');

  const load = async () => {
    const controller = new AbortController();
    cancel.current = controller;
    const started = Date.now();
    const dataset = generateDataset({ seed: DEMO_SEED, customers: size, today: new Date() });
    let done = 0;
    setState({ kind: 'loading', done: 0, total: workspaceLoadSize(dataset), step: null });
    try {
      const result = await loadIntoWorkspace({
        dataset,
        call: createApiCaller({ baseUrl: '', fetch: sessionFetch(session), signal: controller.signal }),
        concurrency: CONCURRENCY,
        onProgress: (progress) => {
          done = progress.done;
          setState({ kind: 'loading', ...progress });
        },
      });
      setState({ kind: 'done', result, seconds: Math.round((Date.now() - started) / 1000) });
    } catch (error) {
      setState(controller.signal.aborted ? { kind: 'cancelled', done } : { kind: 'failed', error, done });
    } finally {
      cancel.current = null;
    }
  };

  const start = async () => {
    setState({ kind: 'checking' });
    try {
      const existing = await unwrap(client.GET('/v1/contacts', { params: { query: { limit: 1 } } }));
      if (existing.items.length > 0) setState({ kind: 'has-contacts' });
      else await load();
    } catch (error) {
      setState({ kind: 'failed', error, done: 0 });
    }
  };

  if (!mayLoad) {
    return (
      <Text mt="sm" c="dimmed">
        Your role cannot add contacts, so it cannot load demo data: ask an admin of your workspace.
      </Text>
    );
  }
  const busy = state.kind === 'checking' || state.kind === 'loading';
  return (
    <Stack mt="sm" gap="sm">
      {state.kind === 'loading' ? (
        <LoadingProgress done={state.done} total={state.total} step={state.step} onCancel={() => cancel.current?.abort()} />
      ) : state.kind === 'has-contacts' ? (
        <Alert color="orange" styles={ALERT_TEXT} title="Your workspace has contacts already" role="alert">
          <Text size="sm">Demo customers would sit among your own, and there is no single step to remove them again. Load them anyway?</Text>
          <Group mt="sm">
            <Button onClick={() => void load()}>
              Load anyway
            </Button>
            <Button variant="default" onClick={() => setState({ kind: 'idle' })}>
              Cancel
            </Button>
          </Group>
        </Alert>
      ) : (
        <>
          <NativeSelect
            label="Size"
            value={String(size)}
            onChange={(event) => setSize(Number(event.currentTarget.value))}
            data={DEMO_SIZES.map((customers) => ({ value: String(customers), label: `${customers} customers` }))}
            disabled={busy}
          />
          <Button onClick={() => void start()} loading={busy} style={{ alignSelf: 'flex-start' }}>
            Load demo data ({size} customers)
          </Button>
        </>
      )}
      {state.kind === 'done' ? <LoadedSummary result={state.result} seconds={state.seconds} permissions={permissions} /> : null}
      {state.kind === 'cancelled' ? (
        <Alert color="gray" styles={ALERT_TEXT} title="Stopped" role="status">
          <Text size="sm">Loading stopped after {state.done} records; those already created stay in your workspace.</Text>
        </Alert>
      ) : null}
      {state.kind === 'failed' ? (
        <>
          <ErrorState error={state.error} />
          {state.done > 0 ? <Text size="sm">{state.done} records were created before it stopped; they stay in your workspace.</Text> : null}
        </>
      ) : null}
      <Text size="sm" c="dimmed">
        Your team is not part of it: <Code>npm run demo</Code> also makes sales reps and support agents and accepts their invitations from the mail
        folder of the machine running Rapport, which a browser cannot read. Invite real colleagues in Users.
      </Text>
    </Stack>
  );
}

function LoadingProgress({ done, total, step, onCancel }: { done: number; total: number; step: WorkspaceStep | null; onCancel: () => void }) {
  const percent = total === 0 ? 100 : Math.round((done / total) * 100);
  return (
    <Stack gap={6}>
      <Progress value={percent} aria-label="Demo data loaded" animated size="lg" />
      <Text size="sm" role="status" aria-live="polite">
        {done} of {total} records created{step ? `, now ${STEP_WORDS[step]}` : ''} ({percent}%)
      </Text>
      <Button variant="default" onClick={onCancel} style={{ alignSelf: 'flex-start' }}>
        Cancel loading
      </Button>
    </Stack>
  );
}

function LoadedSummary({ result, seconds, permissions }: { result: WorkspaceLoadResult; seconds: number; permissions: readonly string[] }) {
  const { counts, ticketsOpened } = result;
  const auditLog = SCREENS.find((screen) => screen.path.startsWith('/audit') && screen.nav && allows(permissions, screen));
  return (
    <Alert color="green" styles={ALERT_TEXT} title="Demo data loaded" role="status">
      <Text size="sm">In {seconds} s, your workspace got:</Text>
      <List size="sm" mt={4}>
        <List.Item>
          {counts.contacts} contacts at {counts.companies} companies, each owned by you
        </List.Item>
        <List.Item>{counts.orders} orders over the last two years</List.Item>
        <List.Item>{counts.interactions} calls, emails and meetings</List.Item>
        <List.Item>
          {counts.feedback} ratings, suggestions and complaints ({ticketsOpened} complaint{ticketsOpened === 1 ? '' : 's'} opened a ticket)
        </List.Item>
      </List>
      <Text size="sm" mt="sm">
        Where to look first: a customer's whole story is one call, <Code>GET /v1/contacts/{'{id}'}/360</Code>, with an id from <Code>GET /v1/contacts</Code>
        {auditLog ? (
          <>
            ; every record written is in the{' '}
            <Anchor component={Link} to={auditLog.path}>
              {auditLog.title.toLowerCase()}
            </Anchor>
          </>
        ) : null}
        . The contact and deal screens come with the CRM workspace.
      </Text>
    </Alert>
  );
}
