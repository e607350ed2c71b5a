import { newInviteToken, parseInviteToken } from '../access/invite-token';

/**
 * A satisfaction survey token has the shape of an invitation token (`<tenantId>.<secret>`, 256
 * random bits, only the SHA-256 of the secret stored), so it is made and read the same way.
 */
export const newSurveyToken = (tenantId: string) => newInviteToken(tenantId);
export const parseSurveyToken = (token: string) => parseInviteToken(token);
