import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Mailer } from '@rapport/domain';
import { FileMailer, SesMailer } from '@rapport/mail';
import type { CommonRuntime } from './common';

/** SES in AWS, a folder of `.eml` files locally: for areas that send email. */
export function createMailer({ env }: CommonRuntime): Mailer {
  return env.MAIL_DIRECTORY
    ? new FileMailer({ directory: env.MAIL_DIRECTORY, from: env.MAIL_FROM })
    : new SesMailer({ client: new SESv2Client({ region: env.AWS_REGION }), from: env.MAIL_FROM });
}

/** What the user and invitation services need: memberships, roles, Cognito and mail. */
export function userDepsOf(common: CommonRuntime, mailer: Mailer) {
  return {
    membershipsFor: common.membershipsOf,
    rolesFor: common.rolesOf,
    identity: common.identity,
    mailer,
    clock: common.clock,
    appUrl: common.env.APP_URL,
    onIdentitySyncFailure: (error: unknown) => common.logger.error('Cognito did not follow a membership change', { error: error as Error }),
  };
}
