import { Badge, Button, Card, Checkbox, Group, Modal, NativeSelect, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { FIELD_ENTITIES, FIELD_TYPES, fieldCreateSchema, fieldPatchSchema, type FieldType } from '@rapport/domain/browser';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { unwrap, useApi, type ApiSchemas } from '../../api';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorState } from '../../components/states';
import { QueryTable } from '../../components/query-table';
import { check, sentence, type FieldErrors } from '../../forms/validation';
import { Page } from '../../shell/page';
import { adminKeys, useChange } from './admin-queries';

type Field = ApiSchemas['FieldDefinition'];

const TYPE_WORDS: Record<FieldType, string> = { text: 'Text', number: 'Number', date: 'Date', select: 'Choice from a list', boolean: 'Yes / no' };

/** The options of a select field, one a line, as the API takes them (a list). */
const optionsOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function NewFieldForm() {
  const { client } = useApi();
  const [values, setValues] = useState({ entity: 'contact', key: '', label: '', type: 'text', options: '', required: false, sensitive: false });
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useChange((body: Parameters<typeof fieldCreateSchema.parse>[0]) => unwrap(client.POST('/v1/fields', { body: body as never })), [adminKeys.fields]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { options, ...rest } = values;
    const checked = check(fieldCreateSchema, { ...rest, ...(values.type === 'select' ? { options: optionsOf(options) } : {}) });
    setErrors(checked.errors);
    if (!checked.ok) return;
    if (await create.mutateAsync(checked.data).catch(() => null)) setValues({ ...values, key: '', label: '', options: '' });
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="new-field-title">
      <Title order={2} size="h4" id="new-field-title" mb="sm">
        New custom field
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Group grow align="flex-start" wrap="wrap">
            <NativeSelect label="On" miw={160} data={FIELD_ENTITIES.map((entity) => ({ value: entity, label: entity === 'contact' ? 'Contacts' : 'Companies' }))} value={values.entity} onChange={(event) => setValues({ ...values, entity: event.currentTarget.value })} />
            <TextInput label="Label" required miw={200} value={values.label} onChange={(event) => setValues({ ...values, label: event.currentTarget.value })} error={sentence('Label', errors.label)} />
            <TextInput
              label="Key"
              required
              miw={200}
              description="The name the API and imports use, such as loyalty_tier"
              value={values.key}
              onChange={(event) => setValues({ ...values, key: event.currentTarget.value })}
              error={sentence('Key', errors.key)}
            />
            <NativeSelect label="Type" miw={160} data={FIELD_TYPES.map((type) => ({ value: type, label: TYPE_WORDS[type] }))} value={values.type} onChange={(event) => setValues({ ...values, type: event.currentTarget.value })} />
          </Group>
          {values.type === 'select' ? (
            <Textarea label="Options" description="One a line, in the order they are offered" autosize minRows={3} value={values.options} onChange={(event) => setValues({ ...values, options: event.currentTarget.value })} error={sentence('Options', errors.options)} />
          ) : null}
          <Checkbox label="Required on every record" checked={values.required} onChange={(event) => setValues({ ...values, required: event.currentTarget.checked })} />
          <Checkbox
            label="Personal data: encrypted, and masked for roles without pii:read (cannot be changed later)"
            checked={values.sensitive}
            onChange={(event) => setValues({ ...values, sensitive: event.currentTarget.checked })}
          />
          {create.isError ? <ErrorState error={create.error} /> : null}
          <Group>
            <Button type="submit" loading={create.isPending}>
              Add field
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** What may change of a field: its label, options and whether it is required (type and sensitivity are fixed). */
function EditField({ field, onClose }: { field: Field; onClose: () => void }) {
  const { client } = useApi();
  const [values, setValues] = useState({ label: field.label, options: (field.options ?? []).join('\n'), required: field.required });
  const [errors, setErrors] = useState<FieldErrors>({});
  const update = useChange(
    (body: Parameters<typeof fieldPatchSchema.parse>[0]) => unwrap(client.PATCH('/v1/fields/{id}', { params: { path: { id: field.id } }, body: body as never })),
    [adminKeys.fields],
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = check(fieldPatchSchema, { label: values.label, required: values.required, version: field.version, ...(field.type === 'select' ? { options: optionsOf(values.options) } : {}) });
    setErrors(checked.errors);
    if (!checked.ok) return;
    if (await update.mutateAsync(checked.data).catch(() => null)) onClose();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          {TYPE_WORDS[field.type]}
          {field.sensitive ? ', personal data' : ''}: the type and sensitivity of a field cannot change.
        </Text>
        <TextInput label="Label" required value={values.label} onChange={(event) => setValues({ ...values, label: event.currentTarget.value })} error={sentence('Label', errors.label)} />
        {field.type === 'select' ? (
          <Textarea label="Options" description="One a line" autosize minRows={3} value={values.options} onChange={(event) => setValues({ ...values, options: event.currentTarget.value })} error={sentence('Options', errors.options)} />
        ) : null}
        <Checkbox label="Required on every record" checked={values.required} onChange={(event) => setValues({ ...values, required: event.currentTarget.checked })} />
        {update.isError ? <ErrorState error={update.error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The workspace's own fields on contacts and companies: add, rename, change options, delete. */
export default function FieldsPage() {
  const { client } = useApi();
  // A workspace has at most 100 fields: one page holds them all.
  const fields = useQuery({ queryKey: adminKeys.fields, queryFn: async () => (await unwrap(client.GET('/v1/fields', { params: { query: { limit: 100 } } }))).items });
  const remove = useChange((id: string) => unwrap(client.DELETE('/v1/fields/{id}', { params: { path: { id } } })), [adminKeys.fields]);
  const [editing, setEditing] = useState<Field | null>(null);

  return (
    <Page title="Custom fields">
      <Text>Fields of your own on contacts and companies, filled in the console, the API and imports.</Text>
      <NewFieldForm />
      <QueryTable
        query={fields}
        label="Custom fields"
        minWidth={560}
        loading="Loading the custom fields…"
        empty={{ title: 'No custom fields yet', text: 'Add one above, for example a loyalty tier or a contract end date.' }}
        columns={['Field', 'On', 'Type', 'Actions']}
      >
        {(rows) =>
          rows.map((field) => (
            <Table.Tr key={field.id}>
              <Table.Td>
                <Text fw={600}>{field.label}</Text>
                <Text size="sm" c="dimmed" ff="monospace">
                  {field.key}
                </Text>
              </Table.Td>
              <Table.Td>{field.entity === 'contact' ? 'Contacts' : 'Companies'}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {TYPE_WORDS[field.type]}
                  {field.required ? <Badge variant="filled">required</Badge> : null}
                  {field.sensitive ? <Badge variant="filled" color="grape.9">personal data</Badge> : null}
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" align="flex-start">
                  <Button size="xs" variant="default" onClick={() => setEditing(field)} aria-label={`Edit ${field.label}`}>
                    Edit
                  </Button>
                  <ConfirmButton
                    label="Delete"
                    aria-label={`Delete ${field.label}`}
                    size="xs"
                    color="red"
                    variant="light"
                    title={`Delete the field ${field.label}?`}
                    confirmLabel="Delete field"
                    busy={remove.isPending}
                    onConfirm={() => remove.mutateAsync(field.id).then(() => undefined, () => undefined)}
                  >
                    <Text>Records keep no visible value of it. This cannot be undone.</Text>
                  </ConfirmButton>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))
        }
      </QueryTable>
      {remove.isError ? <ErrorState error={remove.error} /> : null}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing ? `Edit ${editing.label}` : ''} closeButtonProps={{ 'aria-label': 'Close' }}>
        {editing ? <EditField field={editing} onClose={() => setEditing(null)} /> : null}
      </Modal>
    </Page>
  );
}
