import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { json, renderScreen } from '../test/render';
import { ErrorState } from './states';
import { PasswordRules } from './password-rules';

describe('the shared states', () => {
  it('a 403 names the missing permission in plain words, from the catalogue', async () => {
    // Prepare
    const error = new ApiError(403, 'FORBIDDEN', 'Your role does not allow this', { permission: 'users:manage' }, 'req-1');

    // Act
    renderScreen(<ErrorState error={error} />, { fetch: async () => json(500, {}) });

    // Assess
    expect(await screen.findByText('Your role does not allow this')).toBeTruthy();
    expect(screen.getByText('users:manage')).toBeTruthy();
    expect(document.body.textContent).toContain('invite, change, disable and remove users');
  });

  it("the password rules are the API's, ticked off as they are met", async () => {
    // Act
    renderScreen(<PasswordRules id="rules" value="abcdefghijkl" />, { fetch: async () => json(500, {}) });

    // Assess
    await screen.findByText(/must contain a digit/);
    const met = [...document.querySelectorAll('[data-met="true"]')].map((item) => item.textContent);
    const unmet = [...document.querySelectorAll('[data-met="false"]')].map((item) => item.textContent);
    expect(met.join(' ')).toContain('must contain a lower-case letter');
    expect(met.join(' ')).toContain('must be at least 12 characters');
    expect(unmet.join(' ')).toContain('must contain a digit');
    expect(unmet.join(' ')).toContain('must contain an upper-case letter');
  });
});
