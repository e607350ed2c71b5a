import { Alert, Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { useApi } from '../../api';
import type { paths } from '../../api/schema.gen';
import { downloadFile } from '../../components/download';
import { Page } from '../../shell/page';

/** A coloured alert's title in the text colour: Mantine's light title colours fall below AA contrast. */
const ALERT_TEXT = { title: { color: 'var(--mantine-color-text)' } };

/** Where the receipt of a closed workspace is shown: outside the session, which ended with it. */
export const RECEIPT_PATH = '/workspace-closed';

export type OffboardingReceipt = paths['/v1/tenant']['delete']['responses'][200]['content']['application/json'];

/** The receipt as a JSON file named by its date, for the person to keep. */
const download = (receipt: OffboardingReceipt) =>
  downloadFile(JSON.stringify(receipt, null, 2), `rapport-offboarding-receipt-${receipt.offboardedAt.slice(0, 10)}.json`, 'application/json');

/**
 * The dated crypto-shred receipt of a workspace just closed: when its keys were destroyed, what was
 * removed, from when no backup can bring it back. It lives in the tab's history entry (a reload
 * keeps it) and nowhere else: the workspace it describes is gone.
 */
export default function WorkspaceClosedPage() {
  const state = useLocation().state as { receipt?: OffboardingReceipt; workspace?: string } | null;
  const receipt = state?.receipt;
  const { session } = useApi();
  const queryClient = useQueryClient();
  // The session ended with the workspace: forget its tokens and every cached answer, now that the
  // receipt is on screen (outside the signed-in layout, so nothing sends the person to log-in).
  useEffect(() => {
    if (!receipt) return;
    session.signOut();
    queryClient.clear();
  }, [receipt, session, queryClient]);
  if (!receipt) {
    return (
      <Page title="Workspace closed">
        <Text>There is no receipt to show in this tab. The receipt is shown once, right after a workspace is closed.</Text>
        <Anchor component={Link} to="/signup">
          Create a new workspace
        </Anchor>
      </Page>
    );
  }
  const rows = [
    ['Closed at', new Date(receipt.offboardedAt).toUTCString()],
    ['Encryption keys destroyed', String(receipt.keysDestroyed)],
    ['Users removed', String(receipt.usersRemoved)],
    ['Records deleted', String(receipt.itemsDeleted)],
    ['Unrecoverable from backups after', new Date(receipt.unrecoverableAfter).toUTCString()],
    ['Workspace id', receipt.tenantId],
  ] as const;
  return (
    <Page title="Workspace closed">
      <Alert color="green" styles={ALERT_TEXT} role="status" title={`${state?.workspace ?? 'The workspace'} is closed`}>
        {receipt.statement}
      </Alert>
      <Card withBorder padding="lg">
        <Stack gap="xs" component="dl" m={0}>
          {rows.map(([label, value]) => (
            <div key={label}>
              <Text component="dt" fw={600} size="sm">
                {label}
              </Text>
              <Text component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
                {value}
              </Text>
            </div>
          ))}
        </Stack>
      </Card>
      <Group>
        <Button onClick={() => download(receipt)}>Download the receipt (JSON)</Button>
        <Anchor component={Link} to="/signup">
          Create a new workspace
        </Anchor>
      </Group>
    </Page>
  );
}
