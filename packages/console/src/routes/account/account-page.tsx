import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useApi, useMe } from '../../api';
import { ErrorState, LoadingState } from '../../components/states';
import { Page } from '../../shell/page';

/** The signed-in person: who they are, in which workspace with which role; log out. */
export default function AccountPage() {
  const me = useMe();
  const { session } = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;

  const logOut = async () => {
    session.signOut();
    queryClient.clear();
    await navigate('/login', { replace: true });
  };
  const rows = [
    ['Name', me.data.user.name],
    ['Email', me.data.user.email],
    ['Workspace', me.data.tenant.name],
    ['Role', me.data.role],
  ] as const;

  return (
    <Page title="Your account">
      <Card withBorder padding="lg">
        <Stack gap="xs" component="dl" m={0}>
          {rows.map(([label, value]) => (
            <Group key={label} gap="sm" wrap="nowrap">
              <Text component="dt" fw={600} w={110}>
                {label}
              </Text>
              <Text component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
                {value}
              </Text>
            </Group>
          ))}
        </Stack>
      </Card>
      <Group>
        <Button variant="default" onClick={() => void logOut()}>
          Log out
        </Button>
      </Group>
    </Page>
  );
}
