/**
 * The part of the domain a browser may load: the input schemas the API validates requests with,
 * the permission catalogue and the built-in roles. The web console validates its forms with these
 * very schemas, so a form and the API can never disagree on a rule. Everything reachable from here
 * imports only zod and the domain's own pure modules (an architecture test holds it to that), so
 * it bundles without Node built-ins.
 */
export { PERMISSIONS, type Permission } from './access/permissions';
export { BUILT_IN_ROLES, type BuiltInRoleId } from './access/built-in-roles';
export { roleCreateSchema, rolePatchSchema, type RoleCreateInput, type RolePatchInput } from './access/role.schema';
export { acceptInviteSchema, inviteUserSchema, userPatchSchema, type AcceptInviteInput, type InviteUserInput, type UserPatchInput } from './access/user.schema';
export { PASSWORD_POLICY } from './tenancy/password-policy';
export { changePasswordInputSchema, emailSchema, loginInputSchema, passwordSchema, signupInputSchema, type ChangePasswordInput, type LoginInput, type SignupInput } from './tenancy/auth.schema';
export { FIELD_ENTITIES, FIELD_TYPES, type FieldEntity, type FieldType } from './fields/field-definition';
export { fieldCreateSchema, fieldPatchSchema, type FieldCreateInput, type FieldPatchInput } from './fields/field.schema';
export { DOMAIN_EVENT_TYPES, type DomainEventType } from './webhooks/domain-events';
export { webhookCreateSchema, webhookPatchSchema, type WebhookCreateInput, type WebhookPatchInput } from './webhooks/webhook.schema';
export { ingestKeyCreateSchema } from './behaviour/ingest-key.schema';
export { slaPolicyInputSchema, type SlaPolicyInput } from './tickets/ticket.schema';
export { TICKET_PRIORITIES, type TicketPriority } from './tickets/ticket';
