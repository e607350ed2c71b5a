import { Anchor, Card, Code, SimpleGrid, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useMe } from '../../api';
import { ErrorState, LoadingState } from '../../components/states';
import { Page } from '../../shell/page';
import { DemoLoad } from './demo-load';

/** Where the admin Users screen lives (its own screen group, `routes/settings`). */
export const USERS_PATH = '/settings/users';

/**
 * The first-run screen a founder lands on: the three ways to a working CRM. The demo is loaded
 * into the founder's own workspace from the browser (`DemoLoad`), so it works wherever the console
 * runs; `npm run demo` remains the way to a separate workspace with a whole team.
 */
export default function FirstRunPage() {
  const me = useMe();
  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  const mayInvite = me.data.permissions.includes('users:manage');

  return (
    <Page title="Get started">
      <Text>
        Welcome to {me.data.tenant.name}, {me.data.user.name}. Three ways to a working CRM:
      </Text>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Card withBorder padding="lg" component="section" aria-labelledby="invite-team">
          <Title order={2} size="h4" id="invite-team">
            Invite your team
          </Title>
          <Text mt="xs">Give each colleague a role: it decides exactly what they may see and do.</Text>
          {mayInvite ? (
            <Anchor component={Link} to={USERS_PATH} mt="sm">
              Invite people
            </Anchor>
          ) : (
            <Text mt="sm" c="dimmed">
              Your role cannot invite people: ask an admin of your workspace.
            </Text>
          )}
        </Card>
        <Card withBorder padding="lg" component="section" aria-labelledby="import-contacts">
          <Title order={2} size="h4" id="import-contacts">
            Import your contacts
          </Title>
          <Text mt="xs">
            Bring contacts, companies and orders from a CSV file, for example another CRM's export. The import wizard comes with the CRM workspace
            screens; until then imports run through the API (<Code>POST /v1/imports</Code>), described in the API reference under “imports”.
          </Text>
          <Anchor href="/v1/openapi.json" mt="sm">
            Open the API reference (OpenAPI)
          </Anchor>
        </Card>
        <Card withBorder padding="lg" component="section" aria-labelledby="demo-workspace">
          <Title order={2} size="h4" id="demo-workspace">
            Load a demo workspace
          </Title>
          <Text mt="xs">
            To look around a living CRM first, fill this workspace with generated customers: companies, two years of orders, calls and meetings, and
            feedback whose complaints open tickets. The same customers every time, dated back from today.
          </Text>
          <DemoLoad />
        </Card>
      </SimpleGrid>
    </Page>
  );
}
