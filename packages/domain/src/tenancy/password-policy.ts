/**
 * One password policy for the API's validation and the Cognito user pool (the CDK stack reads it),
 * so a password we accept is never refused by the pool, nor the reverse.
 */
export const PASSWORD_POLICY = {
  minLength: 12,
  maxLength: 256,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: false,
} as const;
