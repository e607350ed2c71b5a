import type { RouteAccess } from '@rapport/http';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { FieldKey } from '../data/field-key';
import type { ContactExports } from './contact-exports';
import { grantTableAccess } from '../data/table-access';
import type { MailSender } from '../identity/mail-sender';
import type { HandlerFunction } from './handler-function';

/**
 * Exactly the user pool calls the API makes: signup's (create, set password, look up, roll back)
 * and user administration's (disable and enable a user, sign them out everywhere); nothing wider.
 */
export const USER_POOL_ADMIN_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminUserGlobalSignOut',
] as const;

/** The resources a route's declared access refers to, from the other stacks. */
export interface AccessTargets {
  table: ITable;
  userPool: IUserPool;
  fieldKey: FieldKey;
  mail: MailSender;
  audit: { grantArchiveRead(role: IRole): void };
  imports: { grantRouteAccess(grantee: Grantee): void };
  exports: Pick<ContactExports, 'grantWriteAndRead'>;
  insights: { grantRouteAccess(grantee: Grantee): void };
  reminders: { grantScheduling(grantee: Grantee): void };
}

type Grantee = HandlerFunction;

interface AccessRule<V> {
  /** The access of a function serving two routes: the wider of the two. */
  merge(a: V | undefined, b: V | undefined): V | undefined;
  grant(grantee: Grantee, value: V, targets: AccessTargets): void;
}

const flag = (grant: (grantee: Grantee, targets: AccessTargets) => void): AccessRule<boolean> => ({
  merge: (a, b) => (a || b ? true : undefined),
  grant: (grantee, value, targets) => {
    if (value) grant(grantee, targets);
  },
});

/**
 * How each kind of `RouteAccess` becomes IAM. Typed over every key of `RouteAccess`, so a new kind
 * of access does not compile until it is mapped here.
 */
const ACCESS_RULES: { [K in keyof Required<RouteAccess>]: AccessRule<NonNullable<RouteAccess[K]>> } = {
  table: {
    merge: (a, b) => (a === 'readWrite' || b === 'readWrite' ? 'readWrite' : (a ?? b)),
    grant: (grantee, level, { table }) => grantTableAccess(grantee, table, level),
  },
  userPoolAdmin: flag((grantee, { userPool }) =>
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: [...USER_POOL_ADMIN_ACTIONS], resources: [userPool.userPoolArn] })),
  ),
  fieldKeys: flag((grantee, { fieldKey }) => fieldKey.grantEnvelopeEncryption(grantee)),
  mail: flag((grantee, { mail }) => mail.grantSend(grantee)),
  auditArchive: flag((grantee, { audit }) => audit.grantArchiveRead(grantee.role)),
  imports: flag((grantee, { imports }) => imports.grantRouteAccess(grantee)),
  contactExports: flag((grantee, { exports }) => exports.grantWriteAndRead(grantee.role, grantee)),
  insights: flag((grantee, { insights }) => insights.grantRouteAccess(grantee)),
  reminders: flag((grantee, { reminders }) => reminders.grantScheduling(grantee)),
};

const ACCESS_KINDS = Object.keys(ACCESS_RULES) as (keyof RouteAccess)[];

/** The union of two routes' access, for the one function that serves both. */
export function mergeAccess(a: RouteAccess, b: RouteAccess): RouteAccess {
  const merged: Record<string, unknown> = {};
  for (const kind of ACCESS_KINDS) {
    const rule = ACCESS_RULES[kind] as AccessRule<unknown>;
    const value = rule.merge(a[kind], b[kind]);
    if (value !== undefined) merged[kind] = value;
  }
  return merged as RouteAccess;
}

/** Grants a function exactly the access its routes declare, and nothing it does not. */
export function grantRouteAccess(grantee: Grantee, access: RouteAccess, targets: AccessTargets): void {
  for (const kind of ACCESS_KINDS) {
    const value = access[kind];
    if (value !== undefined) (ACCESS_RULES[kind] as AccessRule<unknown>).grant(grantee, value, targets);
  }
}
