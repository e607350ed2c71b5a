import { App, Stack } from 'aws-cdk-lib';
import type { CfnRole, Policy } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { CONTACT_EXPORT_ACTIONS } from '../../infra/lib/api/contact-exports';
import { HandlerFunction } from '../../infra/lib/api/handler-function';
import { grantRouteAccess, mergeAccess, USER_POOL_ADMIN_ACTIONS } from '../../infra/lib/api/route-access';
import { FIELD_KEY_ACTIONS } from '../../infra/lib/data/field-key';
import { REMINDER_SCHEDULE_ACTIONS } from '../../infra/lib/tasks/task-reminders';
import { addRapportStacks } from '../../infra/lib/rapport-app';
import { cdkJsonContext } from './synth-app';
import { actionsOf, asList, logicalIdOf, refersTo, type PolicyStatement } from './template-queries';

/**
 * Every kind of access a route can declare, granted to a fresh function of the real stacks, whether
 * or not a route of today's table declares it (the app tests cover the routes as they are). Nothing
 * is synthesized: the role's policies are read from the constructs.
 */
function grantedFor(access: Parameters<typeof grantRouteAccess>[1]) {
  const stacks = addRapportStacks(new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } }));
  const { data, identity, audit, api } = stacks;
  const fn = new HandlerFunction(api, 'Probe', { handler: 'system/not-found', environment: {} });
  grantRouteAccess(fn, access, { table: data.table, userPool: identity.userPool, fieldKey: data.fieldKey, mail: identity.mail, audit, imports: api.imports, exports: api.exports, insights: api.insights, reminders: api.reminders });
  const policy = fn.role.node.tryFindChild('DefaultPolicy') as Policy | undefined;
  const statements = asList<PolicyStatement>(Stack.of(fn).resolve(policy?.document.toJSON())?.Statement ?? []);
  const managedPolicyArns = Stack.of(fn).resolve((fn.role.node.defaultChild as CfnRole).managedPolicyArns) ?? [];
  return { stacks, statements, managedPolicyArns };
}

describe('route access', () => {
  it('grants nothing for no declared access', () => {
    // Act
    const { statements, managedPolicyArns } = grantedFor({});

    // Assess
    expect(actionsOf(statements).filter((action) => !/^(logs|xray):/.test(action))).toEqual([]);
    expect(managedPolicyArns).toEqual([]);
  });

  it('grants each kind of access on its own resource only', () => {
    // Act
    const { stacks, statements, managedPolicyArns } = grantedFor({ table: 'read', userPoolAdmin: true, fieldKeys: true, mail: true, auditArchive: true, imports: true, contactExports: true, reminders: true });
    const on = (logicalId: string) => actionsOf(statements.filter(({ Resource }) => refersTo(Resource, logicalId))).sort();

    // Assess
    expect(on(logicalIdOf(stacks.data.fieldKey.key))).toEqual([...FIELD_KEY_ACTIONS].sort());
    expect(on(logicalIdOf(stacks.identity.userPool))).toEqual([...USER_POOL_ADMIN_ACTIONS].sort());
    expect(on(logicalIdOf(stacks.identity.mail.identity))).toEqual(['ses:SendEmail']);
    expect(on(logicalIdOf(stacks.api.exports.bucket))).toEqual([...CONTACT_EXPORT_ACTIONS].sort());
    expect(on(logicalIdOf(stacks.api.exports.key))).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(on(logicalIdOf(stacks.data.table))).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
    expect(on(logicalIdOf(stacks.api.imports.bucket))).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(on(logicalIdOf(stacks.api.imports.queue))).toEqual(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage']);
    expect(on(logicalIdOf(stacks.api.reminders.invokerRole))).toEqual(['iam:PassRole']);
    const scheduling = statements.filter(({ Action }) => asList(Action).some((action) => String(action).startsWith('scheduler:')));
    expect(actionsOf(scheduling).sort()).toEqual([...REMINDER_SCHEDULE_ACTIONS].sort());
    expect(JSON.stringify(scheduling.map(({ Resource }) => Resource))).toContain('task-reminders/*');
    expect(managedPolicyArns).toHaveLength(1);
    expect(refersTo(managedPolicyArns, logicalIdOf(stacks.audit.archiveReader))).toBe(true);
  });

  it('gives a function serving two routes the wider access of each kind', () => {
    // Act
    const merged = mergeAccess({ table: 'read', mail: true }, { table: 'readWrite', fieldKeys: true, auditArchive: false });

    // Assess
    expect(merged).toEqual({ table: 'readWrite', mail: true, fieldKeys: true });
    expect(mergeAccess({}, {})).toEqual({});
  });
});
