import { Button, Group, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { fieldErrorsOf } from '../../forms/api-errors';
import { sentence } from '../../forms/validation';
import { dayOf, type PeriodDays } from './period';

/**
 * The days a screen reads, with the screen's own fields beside them (`children`) and one button.
 * The API's refusal of a period ("must be at most 31 days before to") is said next to the date.
 */
export function PeriodForm({
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
  children,
}: {
  initial: PeriodDays;
  submitLabel: string;
  busy?: boolean;
  error?: unknown;
  onSubmit: (period: PeriodDays) => void;
  children?: ReactNode;
}) {
  const [period, setPeriod] = useState(initial);
  const errors = fieldErrorsOf(error);
  const today = dayOf(new Date());
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(period);
      }}
    >
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          type="date"
          label="From"
          required
          value={period.from}
          max={period.to || today}
          onChange={(event) => setPeriod({ ...period, from: event.currentTarget.value })}
          error={sentence('From', errors.from)}
        />
        <TextInput
          type="date"
          label="To"
          required
          value={period.to}
          min={period.from}
          onChange={(event) => setPeriod({ ...period, to: event.currentTarget.value })}
          error={sentence('To', errors.to)}
        />
        {children}
        <Button type="submit" loading={busy}>
          {submitLabel}
        </Button>
      </Group>
    </form>
  );
}
