import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';

/** A coloured alert's title in the text colour: Mantine's light title colours fall below AA contrast. */
const ALERT_TEXT = { title: { color: 'var(--mantine-color-text)' } };

/**
 * A secret the API shows only once (an ingest key, a webhook's signing secret): shown with a copy
 * button and the warning that it will not be shown again.
 */
export function SecretOnce({ title, secret, onDone }: { title: string; secret: string; onDone: () => void }) {
  return (
    <Alert color="yellow" styles={ALERT_TEXT} title={title} role="status">
      <Stack gap="xs">
        <Text>Copy it now and keep it somewhere safe: Rapport will not show it again.</Text>
        <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-testid="secret">
          {secret}
        </Code>
        <Group>
          <CopyButton value={secret}>{({ copied, copy }) => <Button onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}</CopyButton>
          <Button variant="default" onClick={onDone}>
            I have kept it
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
