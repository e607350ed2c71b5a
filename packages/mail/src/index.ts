export { FileMailer, type FileMailerOptions } from './file-mailer';
export { SesMailer, type SesMailerOptions } from './ses-mailer';
export { composeMessage } from './compose';
