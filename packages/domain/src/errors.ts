/**
 * Every failure the domain can report. The HTTP layer maps each code to a status code with an
 * exhaustive switch, so adding a code here does not compile until it is mapped there.
 */
export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'VERSION_CONFLICT'
  | 'EMAIL_TAKEN'
  | 'INVALID_CREDENTIALS'
  | 'INVALID_REFRESH_TOKEN'
  | 'SESSION_ENDED'
  | 'MEMBERSHIP_INACTIVE'
  | 'FORBIDDEN'
  | 'INVALID_INPUT'
  | 'ROLE_IS_BUILT_IN'
  | 'ROLE_IN_USE'
  | 'COMPANY_IN_USE'
  | 'ROLE_NAME_TAKEN'
  | 'FIELD_KEY_TAKEN'
  | 'FIELD_LOCKED'
  | 'FIELD_LIMIT_REACHED'
  | 'LAST_OWNER'
  | 'INVITE_GONE'
  | 'CONFIRMATION_MISMATCH'
  | 'MERGE_GONE'
  | 'CONTENTION'
  | 'IMPORT_NOT_READY'
  | 'CAMPAIGN_STATE'
  | 'CONVERSION_EXISTS'
  | 'STAGE_IN_USE'
  | 'DEAL_CLOSED'
  | 'NOT_A_LEAD'
  | 'CONTACT_HAS_DEALS'
  | 'TICKET_TRANSITION'
  | 'SURVEY_GONE'
  | 'AUDIT_EVENT_PENDING'
  | 'LOGIN_THROTTLED'
  | 'LIMIT_REACHED';

export interface DomainErrorOptions {
  cause?: unknown;
  /** Safe, structured context for the caller (never personal data). */
  details?: Record<string, unknown>;
}

/** Base of every domain error: a closed `code`, a message safe to show a user, and the cause. */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: DomainErrorCode, message: string, options: DomainErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    if (options.details) this.details = options.details;
  }
}

/** The record does not exist for this tenant (also what another tenant's id looks like). */
export class NotFoundError extends DomainError {
  constructor(entity: string, id: string, options: DomainErrorOptions = {}) {
    super('NOT_FOUND', `${entity} ${id} was not found`, { ...options, details: { entity, id } });
    this.name = 'NotFoundError';
  }
}

/** An update or delete named a version that is no longer current. */
export class VersionConflictError extends DomainError {
  constructor(entity: string, id: string, expected: number, current: number, options: DomainErrorOptions = {}) {
    super(
      'VERSION_CONFLICT',
      `${entity} ${id} is at version ${current}, not ${expected}: reload it and apply your change again`,
      { ...options, details: { entity, id, expectedVersion: expected, currentVersion: current } },
    );
    this.name = 'VersionConflictError';
  }
}

/** Signup with an email that already has an account. */
export class EmailTakenError extends DomainError {
  constructor(options: DomainErrorOptions = {}) {
    super('EMAIL_TAKEN', 'An account with this email already exists', {
      ...options,
      details: { field: 'email' },
    });
    this.name = 'EmailTakenError';
  }
}

/** Login failed. One message for unknown user and wrong password, so accounts cannot be enumerated. */
export class InvalidCredentialsError extends DomainError {
  constructor(options: DomainErrorOptions = {}) {
    super('INVALID_CREDENTIALS', 'Incorrect email or password', options);
    this.name = 'InvalidCredentialsError';
  }
}

/** A refresh token that is expired, revoked or not from this user pool. */
export class InvalidRefreshTokenError extends DomainError {
  constructor(options: DomainErrorOptions = {}) {
    super('INVALID_REFRESH_TOKEN', 'The refresh token is invalid or expired: log in again', options);
    this.name = 'InvalidRefreshTokenError';
  }
}

/** A token of a session started before its user signed out everywhere: log in again. */
export class SessionEndedError extends DomainError {
  constructor(options: DomainErrorOptions = {}) {
    super('SESSION_ENDED', 'This session was signed out: log in again', options);
    this.name = 'SessionEndedError';
  }
}

/** The identity is valid but has no active membership in any tenant. */
export class MembershipInactiveError extends DomainError {
  constructor(options: DomainErrorOptions = {}) {
    super('MEMBERSHIP_INACTIVE', 'This account has no active workspace membership', options);
    this.name = 'MembershipInactiveError';
  }
}

/** The caller lacks the permission an operation needs. */
export class ForbiddenError extends DomainError {
  readonly permission: string;

  constructor(permission: string, message = `This requires the ${permission} permission`) {
    super('FORBIDDEN', message, { details: { permission } });
    this.name = 'ForbiddenError';
    this.permission = permission;
  }
}

/** Input that is well-formed but refers to something that does not fit (an unknown role, say). */
export class InvalidInputError extends DomainError {
  constructor(field: string, message: string) {
    super('INVALID_INPUT', `Invalid request: ${field} ${message}`, { details: { fields: [{ field, message }] } });
    this.name = 'InvalidInputError';
  }
}

/** Built-in roles are defined by the product and cannot be changed or deleted. */
export class RoleIsBuiltInError extends DomainError {
  constructor(roleId: string) {
    super('ROLE_IS_BUILT_IN', `The built-in role ${roleId} cannot be changed or deleted; create a custom role instead`, {
      details: { roleId },
    });
    this.name = 'RoleIsBuiltInError';
  }
}

/** A role still assigned to users cannot be deleted. */
export class RoleInUseError extends DomainError {
  constructor(roleId: string, members: number) {
    super('ROLE_IN_USE', `The role is assigned to ${members} user(s): give them another role first`, { details: { roleId, members } });
    this.name = 'RoleInUseError';
  }
}

/** A company that contacts still point at cannot be deleted. */
export class CompanyInUseError extends DomainError {
  constructor(companyId: string, contacts: number) {
    super('COMPANY_IN_USE', `${contacts} contact(s) belong to this company: move them to another company or clear their companyId first`, {
      details: { companyId, contacts },
    });
    this.name = 'CompanyInUseError';
  }
}

export class RoleNameTakenError extends DomainError {
  constructor() {
    super('ROLE_NAME_TAKEN', 'A role with this name already exists in the workspace', { details: { field: 'name' } });
    this.name = 'RoleNameTakenError';
  }
}

/** Custom field keys are unique per entity within a workspace. */
export class FieldKeyTakenError extends DomainError {
  constructor(entity: string, key: string) {
    super('FIELD_KEY_TAKEN', `The workspace already has a custom field ${key} on ${entity === 'company' ? 'companies' : 'contacts'}`, { details: { field: 'key', entity, key } });
    this.name = 'FieldKeyTakenError';
  }
}

/** What values may already be stored by (a custom field's type, its sensitivity) cannot change. */
export class FieldLockedError extends DomainError {
  constructor(fieldId: string, attribute: 'type' | 'sensitive') {
    super('FIELD_LOCKED', `The ${attribute} of a custom field cannot change once values may exist: create a new field with another key instead`, {
      details: { fieldId, field: attribute },
    });
    this.name = 'FieldLockedError';
  }
}

/** A workspace has as many custom fields as it may. */
export class FieldLimitReachedError extends DomainError {
  constructor(limit: number) {
    super('FIELD_LIMIT_REACHED', `A workspace can define at most ${limit} custom fields: delete one first`, { details: { limit } });
    this.name = 'FieldLimitReachedError';
  }
}

/** Several inputs that are well-formed but do not fit (custom values against their definitions). */
export class InvalidInputsError extends DomainError {
  constructor(fields: { field: string; message: string }[]) {
    super('INVALID_INPUT', `Invalid request: ${fields.map((problem) => `${problem.field} ${problem.message}`).join('; ')}`, { details: { fields } });
    this.name = 'InvalidInputsError';
  }
}

/** A workspace always keeps at least one active owner. */
export class LastOwnerError extends DomainError {
  constructor() {
    super('LAST_OWNER', 'The workspace must keep at least one active owner: make someone else owner first');
    this.name = 'LastOwnerError';
  }
}

/** An invitation that was used already or has expired. */
export class InviteGoneError extends DomainError {
  /**
   * `askFor` only for an invitation that was really issued: whom the invitee can ask for a new one
   * (the inviter while still an active member, else the workspace's active owners), by name.
   */
  constructor(reason: 'used' | 'expired' | 'unknown', askFor?: { who: 'inviter' | 'owners'; names: string[] }) {
    super('INVITE_GONE', 'This invitation has been used or has expired: ask for a new one', { details: { reason, ...(askFor ? { askFor } : {}) } });
    this.name = 'InviteGoneError';
  }
}

/** A destructive operation whose typed confirmation did not match. */
export class ConfirmationMismatchError extends DomainError {
  constructor(expected: string) {
    super('CONFIRMATION_MISMATCH', `Type the ${expected} exactly to confirm`, { details: { field: 'confirm' } });
    this.name = 'ConfirmationMismatchError';
  }
}

/** Too many concurrent writes to the same records; the client may retry. */
export class ContentionError extends DomainError {
  constructor(options: DomainErrorOptions = {}) {
    super('CONTENTION', 'The workspace is busy with other changes: retry in a moment', options);
    this.name = 'ContentionError';
  }
}

/** A contact merge that can no longer be undone: its 30 days are over, or it was undone already. */
export class MergeGoneError extends DomainError {
  constructor(mergeId: string, reason: 'expired' | 'undone') {
    super(
      'MERGE_GONE',
      reason === 'expired' ? 'This merge can no longer be undone: merges can be undone for 30 days' : 'This merge has been undone already',
      { details: { mergeId, reason } },
    );
    this.name = 'MergeGoneError';
  }
}

/** An import asked to do something its state does not allow yet, or any more (preview before upload, map while running). */
export class ImportNotReadyError extends DomainError {
  constructor(importId: string, status: string, message: string) {
    super('IMPORT_NOT_READY', message, { details: { importId, status } });
    this.name = 'ImportNotReadyError';
  }
}

/** A campaign cannot do this in its status (launch a launched one, convert on a draft). */
export class CampaignStateError extends DomainError {
  constructor(campaignId: string, status: string, action: string) {
    super('CAMPAIGN_STATE', `Campaign ${campaignId} is ${status}: cannot ${action}`, { details: { entity: 'campaign', id: campaignId, status } });
    this.name = 'CampaignStateError';
  }
}

/** A contact converts at most once per campaign. */
export class ConversionExistsError extends DomainError {
  constructor(campaignId: string, contactId: string, options: DomainErrorOptions = {}) {
    super('CONVERSION_EXISTS', `contactId ${contactId} has already converted in campaign ${campaignId}`, { ...options, details: { field: 'contactId', campaignId, contactId } });
    this.name = 'ConversionExistsError';
  }
}

/** A pipeline change that would remove a stage open deals are still in. */
export class StageInUseError extends DomainError {
  constructor(pipelineId: string, stage: { id: string; name: string }, openDeals: number) {
    super('STAGE_IN_USE', `The stage ${stage.name} still has ${openDeals} open deal(s): move them to another stage before removing it`, {
      details: { field: 'stages', pipelineId, stageId: stage.id, stageName: stage.name, openDeals },
    });
    this.name = 'StageInUseError';
  }
}

/** A won or lost deal cannot move, be won or lost again. */
export class DealClosedError extends DomainError {
  constructor(dealId: string, status: string) {
    super('DEAL_CLOSED', `The deal is ${status} already: a closed deal cannot change stage or outcome`, { details: { dealId, status } });
    this.name = 'DealClosedError';
  }
}

/** Only a lead converts into a prospect with a first deal. */
export class NotALeadError extends DomainError {
  constructor(contactId: string, lifecycleStage: string | undefined) {
    super('NOT_A_LEAD', `Only a lead can be converted: this contact's lifecycle stage is ${lifecycleStage ?? 'not set'}`, {
      details: { contactId, lifecycleStage: lifecycleStage ?? null },
    });
    this.name = 'NotALeadError';
  }
}

/** A contact with deals cannot be merged into another (its deals would not follow): move or delete them first. */
export class ContactHasDealsError extends DomainError {
  constructor(contactId: string, deals: number) {
    super('CONTACT_HAS_DEALS', `The contact being merged away has ${deals} deal(s): delete them, or merge the other way round`, { details: { contactId, deals } });
    this.name = 'ContactHasDealsError';
  }
}

/** A ticket status change its current status does not allow (closed tickets stay closed). */
export class TicketTransitionError extends DomainError {
  constructor(from: string, to: string) {
    super('TICKET_TRANSITION', `A ticket cannot move from ${from} to ${to}`, { details: { field: 'status', from, to } });
    this.name = 'TicketTransitionError';
  }
}

/** A satisfaction survey link that was used, has expired, or never existed. */
export class SurveyGoneError extends DomainError {
  constructor(reason: 'used' | 'expired' | 'unknown') {
    super('SURVEY_GONE', 'This survey link has been used or has expired', { details: { reason } });
    this.name = 'SurveyGoneError';
  }
}

/** An audit event that exists but no signed checkpoint covers yet: its proof comes with the next one. */
export class AuditEventPendingError extends DomainError {
  constructor(eventId: string, treeSize: number) {
    super('AUDIT_EVENT_PENDING', `Audit event ${eventId} is not in a signed checkpoint yet; checkpoints are signed every few minutes, ask again after the next one`, {
      details: { eventId, checkpointedEvents: treeSize },
    });
    this.name = 'AuditEventPendingError';
  }
}

/**
 * Too many failed log-ins to this email address in a row: try again after `retryAfterSeconds`.
 * Said the same way whether or not an account has the address.
 */
export class LoginThrottledError extends DomainError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number, options: DomainErrorOptions = {}) {
    super('LOGIN_THROTTLED', `Too many failed log-ins for this email address: try again in ${describeWait(retryAfterSeconds)}`, { ...options, details: { retryAfterSeconds } });
    this.name = 'LoginThrottledError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

const describeWait = (seconds: number) => (seconds < 120 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minutes`);

/** The workspace holds as many of a kind as it may (see WORKSPACE_LIMITS): one must go before another comes. */
export class WorkspaceLimitError extends DomainError {
  constructor(what: string, limit: number) {
    super('LIMIT_REACHED', `A workspace can have at most ${limit} ${what}: delete one first`, { details: { limit } });
    this.name = 'WorkspaceLimitError';
  }
}
