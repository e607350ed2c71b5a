import { Button, Checkbox, Group, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { DOMAIN_EVENT_TYPES, webhookCreateSchema } from '@rapport/domain/browser';
import { useState, type FormEvent } from 'react';
import { ErrorState } from '../../components/states';
import { fieldErrorsOf } from '../../forms/api-errors';
import { check, sentence } from '../../forms/validation';

export interface WebhookValues {
  url: string;
  events: string[];
  description: string;
  enabled: boolean;
}

/** The body's fields of the form's values: an empty description is none. */
export const fieldsOf = (values: WebhookValues) => ({ url: values.url, events: values.events, ...(values.description.trim() ? { description: values.description } : {}) });

/** What the form still needs before it can be saved, in words next to the button. */
function missingOf(errors: Partial<Record<string, string>>): string {
  const needs = [errors.url ? 'a valid receiver URL' : '', errors.events ? 'at least one event' : '', errors.description ? 'a shorter description' : ''].filter(Boolean);
  return needs.length > 0 ? `Needs ${needs.join(' and ')} before it can be saved.` : 'Check the fields above before saving.';
}

/**
 * A webhook's receiver, the events it gets and its description, checked as the person types with
 * the API's own schema (a URL's shape, the events, the description's length). Which addresses are
 * allowed depends on where Rapport runs, so that part is the API's answer, shown next to the field.
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
  const [touched, setTouched] = useState<ReadonlySet<keyof WebhookValues>>(new Set());
  const edit = (change: Partial<WebhookValues>) => {
    setValues({ ...values, ...change });
    setTouched(new Set([...touched, ...(Object.keys(change) as (keyof WebhookValues)[])]));
  };
  const checked = check(webhookCreateSchema, fieldsOf(values));
  const refused = fieldErrorsOf(error);
  // What the schema says about a field once it was edited, else what the API answered about it.
  const errorOf = (field: keyof WebhookValues) => (touched.has(field) ? checked.errors[field] : undefined) ?? refused[field];
  const every = values.events.includes('*');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (checked.ok) onSubmit(values);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput label="Receiver URL" required type="url" placeholder="https://example.com/hooks/rapport" value={values.url} onChange={(event) => edit({ url: event.currentTarget.value })} error={sentence('The URL', errorOf('url'))} />
        <TextInput label="Description" value={values.description} onChange={(event) => edit({ description: event.currentTarget.value })} error={sentence('Description', errorOf('description'))} />
        <Checkbox label="Every event, including those added later" checked={every} onChange={(event) => edit({ events: event.currentTarget.checked ? ['*'] : [] })} />
        {every ? null : (
          <Checkbox.Group label="Events" value={values.events} onChange={(events) => edit({ events })} error={sentence('Events', errorOf('events'))}>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mt="xs" spacing={6}>
              {DOMAIN_EVENT_TYPES.map((type) => (
                <Checkbox key={type} value={type} label={type} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        )}
        {withEnabled ? <Switch label="Deliver events (off pauses deliveries)" checked={values.enabled} onChange={(event) => edit({ enabled: event.currentTarget.checked })} /> : null}
        {error && Object.keys(refused).length === 0 ? <ErrorState error={error} /> : null}
        {checked.ok ? null : (
          <Text size="sm" c="dimmed" id="webhook-form-incomplete">
            {missingOf(checked.errors)}
          </Text>
        )}
        <Group justify="flex-end">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" loading={busy} disabled={!checked.ok} aria-describedby={checked.ok ? undefined : 'webhook-form-incomplete'}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
