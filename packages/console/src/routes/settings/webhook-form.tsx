import { Button, Checkbox, Group, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { DOMAIN_EVENT_TYPES } from '@rapport/domain/browser';
import { useState, type FormEvent } from 'react';
import { ErrorState } from '../../components/states';
import { fieldErrorsOf } from '../../forms/api-errors';
import { sentence } from '../../forms/validation';

export interface WebhookValues {
  url: string;
  events: string[];
  description: string;
  enabled: boolean;
}

/**
 * A webhook's receiver, the events it gets and its description. The API checks the URL (which
 * addresses are allowed depends on where Rapport runs), so its answer is shown next to the field.
 */
export function WebhookForm({ initial, submitLabel, busy, error, withEnabled, onSubmit, onCancel }: {
  initial: WebhookValues;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  withEnabled?: boolean;
  onSubmit: (values: WebhookValues) => void;
  onCancel?: () => void;
}) {
  const [values, setValues] = useState(initial);
  const errors = fieldErrorsOf(error);
  const every = values.events.includes('*');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(values);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput label="Receiver URL" required type="url" placeholder="https://example.com/hooks/rapport" value={values.url} onChange={(event) => setValues({ ...values, url: event.currentTarget.value })} error={sentence('The URL', errors.url)} />
        <TextInput label="Description" value={values.description} onChange={(event) => setValues({ ...values, description: event.currentTarget.value })} error={sentence('Description', errors.description)} />
        <Checkbox label="Every event, including those added later" checked={every} onChange={(event) => setValues({ ...values, events: event.currentTarget.checked ? ['*'] : [] })} />
        {every ? null : (
          <Checkbox.Group label="Events" value={values.events} onChange={(events) => setValues({ ...values, events })} error={sentence('Events', errors.events)}>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mt="xs" spacing={6}>
              {DOMAIN_EVENT_TYPES.map((type) => (
                <Checkbox key={type} value={type} label={type} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        )}
        {withEnabled ? <Switch label="Deliver events (off pauses deliveries)" checked={values.enabled} onChange={(event) => setValues({ ...values, enabled: event.currentTarget.checked })} /> : null}
        {error && Object.keys(errors).length === 0 ? <ErrorState error={error} /> : null}
        <Group justify="flex-end">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
