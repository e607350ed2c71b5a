import { List, Text, ThemeIcon, VisuallyHidden } from '@mantine/core';
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
