import { List, PasswordInput, Text, ThemeIcon, VisuallyHidden } from '@mantine/core';
import { passwordSchema } from '@rapport/domain/browser';
import { rulesOf } from '../forms/validation';

/** The password policy the API enforces, ticked off as the person types. */
export function PasswordRules({ value, id }: { value: string; id: string }) {
  const rules = rulesOf(passwordSchema, value);
  return (
    <div id={id}>
      <Text size="sm" fw={500}>
        Your password
      </Text>
      <List size="sm" spacing={2} center aria-live="polite">
        {rules.map(({ rule, met }) => (
          <List.Item
            key={rule}
            data-met={met}
            icon={
              <ThemeIcon size={16} radius="xl" color={met ? 'teal.8' : 'gray.6'} aria-hidden>
                <span style={{ fontSize: 10, lineHeight: 1 }}>{met ? '✓' : '•'}</span>
              </ThemeIcon>
            }
          >
            <Text size="sm" c={met ? 'teal.9' : undefined}>
              {rule}
              <VisuallyHidden>{met ? ' (done)' : ' (not yet)'}</VisuallyHidden>
            </Text>
          </List.Item>
        ))}
      </List>
    </div>
  );
}

/**
 * A new password's field with the policy ticked off below it as the person types (sign-up,
 * accepting an invitation, changing a password): the rules are the API's, never a second copy.
 */
export function NewPasswordInput({ label, id, value, onChange, error }: { label: string; id: string; value: string; onChange: (value: string) => void; error?: string }) {
  return (
    <>
      <PasswordInput
        label={label}
        autoComplete="new-password"
        required
        aria-describedby={id}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
      />
      <PasswordRules id={id} value={value} />
    </>
  );
}
