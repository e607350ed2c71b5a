import { allHandlers } from '@rapport/http';
import { describe, expect, it } from 'vitest';
import { CONTACT_EXPORT_ACTIONS, EXPORT_KEY_PREFIX } from '../../infra/lib/api/contact-exports';
import { USER_POOL_ADMIN_ACTIONS } from '../../infra/lib/api/route-access';
import { FIELD_KEY_ACTIONS } from '../../infra/lib/data/field-key';
import { RATE_COUNTER_LEADING_KEYS } from '../../infra/lib/data/table-access';
import { apiFunctionId, apiFunctionStack, handlersWith, type SharedSynth } from './app-queries';
import { actionsOf, asList, functionGrants, logicalIdOf, refersTo, resourcesOf, statementsOn, type PolicyStatement } from './template-queries';

/** Services whose every grant must name its resources: a "*" there would reach every tenant's data or every identity. */
const RESOURCE_SCOPED_SERVICES = /^(dynamodb|kms|s3|cognito-idp|ses):/;

const actionsIn = (statements: PolicyStatement[], prefix: string): string[] =>
  actionsOf(statements).filter((action) => action.startsWith(prefix));

/** IAM as the route table declares it, and the audit functions' grants, across every stack. */
export function describeLeastPrivilege(synth: SharedSynth): void {
  const apiGrants = () =>
    new Map(
      allHandlers().map((handler) => {
        const logicalId = apiFunctionId(synth(), handler);
        const grants = functionGrants(synth().allTemplates).find((fn) => fn.stack === apiFunctionStack(handler) && fn.logicalId === logicalId);
        if (!grants) throw new Error(`No grants for ${handler}`);
        return [handler, grants] as const;
      }),
    );
  const ids = () => {
    const { data, identity, audit, api } = synth().stacks;
    return {
      tableKey: logicalIdOf(data.tableKey),
      fieldKey: logicalIdOf(data.fieldKey.key),
      mailIdentity: logicalIdOf(identity.mail.identity),
      archiveBucket: logicalIdOf(audit.archive.bucket),
      archiveKey: logicalIdOf(audit.archive.key),
      signingKey: logicalIdOf(audit.signingKey.key),
      archiveReader: logicalIdOf(audit.archiveReader),
      archiver: logicalIdOf(audit.archiver.handler.function),
      digestWriter: logicalIdOf(audit.digestWriter.handler.function),
      exportsBucket: logicalIdOf(api.exports.bucket),
      exportsKey: logicalIdOf(api.exports.key),
    };
  };

  describe('least privilege: every function', () => {
    it('grants no wildcard action and no "*" resource on DynamoDB, KMS, S3, Cognito or SES actions', () => {
      // Prepare
      const all = functionGrants(synth().allTemplates);

      for (const { stack, logicalId, statements } of all) {
        // Act
        const scoped = statements.filter(({ Action }) => asList(Action).some((action) => RESOURCE_SCOPED_SERVICES.test(action)));

        // Assess
        const where = `${stack}/${logicalId}`;
        expect(actionsOf(statements).filter((action) => action === '*' || action.endsWith(':*')), where).toEqual([]);
        for (const statement of scoped) expect(asList(statement.Resource), where).not.toContain('*');
      }
      expect(all.filter(({ stack }) => stack === 'audit')).toHaveLength(2);
    });

    it('uses no AWS managed policy; the only attached policy is the audit archive reader', () => {
      for (const [stack, template] of Object.entries(synth().allTemplates)) {
        for (const [logicalId, role] of Object.entries(resourcesOf(template, 'AWS::IAM::Role'))) {
          const attached = asList(role.Properties?.ManagedPolicyArns ?? []);
          expect(JSON.stringify(attached), `${stack}/${logicalId}`).not.toMatch(/:iam::aws:policy\//);
          for (const arn of attached) expect(refersTo(arn, ids().archiveReader), `${stack}/${logicalId}`).toBe(true);
        }
      }
    });

    it('lets nothing delete an archived object: no IAM grant of it, and a bucket-policy deny for everyone', () => {
      // Prepare
      const policies = Object.values(synth().allTemplates).flatMap((template) => [
        ...Object.values(resourcesOf(template, 'AWS::IAM::Policy')),
        ...Object.values(resourcesOf(template, 'AWS::IAM::ManagedPolicy')),
      ]);
      const bucketPolicy = Object.values(resourcesOf(synth().templates.audit, 'AWS::S3::BucketPolicy')).find(({ Properties }) =>
        refersTo(Properties?.Bucket, ids().archiveBucket),
      );
      const statements = asList<PolicyStatement>(bucketPolicy?.Properties?.PolicyDocument.Statement ?? []);

      // Act: what any policy allows on the archive, named or through a wildcard resource (the web stack's
      // deployer may delete in the console bucket, and only there).
      const reachesArchive = ({ Resource }: PolicyStatement) =>
        asList(Resource).some((resource) => resource === '*' || refersTo(resource, ids().archiveBucket) || /s3:::\*/.test(JSON.stringify(resource)));
      const allowed = policies.flatMap(({ Properties }) => actionsOf(asList<PolicyStatement>(Properties!.PolicyDocument.Statement).filter(reachesArchive)));
      const denyDelete = statements.find(({ Effect, Action }) => Effect === 'Deny' && asList(Action).includes('s3:DeleteObject'));

      // Assess
      expect(allowed.filter((action) => /^s3:(Delete|\*|PutObjectRetention|PutBucket|BypassGovernance)/.test(action))).toEqual([]);
      expect(denyDelete).toMatchObject({ Principal: { AWS: '*' }, Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'] });
      expect(denyDelete?.Condition).toBeUndefined();
    });

    it('lets only the archiver put objects under events/ and only the digest writer under digests/ and checkpoints/', () => {
      // Prepare
      const { archiveBucket, archiver, digestWriter } = ids();
      const writersOf = (prefix: string) =>
        functionGrants(synth().allTemplates)
          .filter(({ statements }) =>
            statementsOn(statements, archiveBucket).some(
              ({ Action, Resource }) => asList(Action).includes('s3:PutObject') && JSON.stringify(Resource).includes(`"/${prefix}*"`),
            ),
          )
          .map(({ logicalId }) => logicalId);
      const bucketPolicy = Object.values(resourcesOf(synth().templates.audit, 'AWS::S3::BucketPolicy')).find(({ Properties }) =>
        refersTo(Properties?.Bucket, archiveBucket),
      );
      const denies = asList<PolicyStatement>(bucketPolicy?.Properties?.PolicyDocument.Statement ?? []).filter(
        ({ Effect, Action }) => Effect === 'Deny' && asList(Action).includes('s3:PutObject'),
      );
      const roleOf = (functionId: string) => resourcesOf(synth().templates.audit, 'AWS::Lambda::Function')[functionId]?.Properties?.Role;

      // Act & Assess
      expect(writersOf('events/')).toEqual([archiver]);
      expect(writersOf('digests/')).toEqual([digestWriter]);
      expect(writersOf('checkpoints/')).toEqual([digestWriter]);
      // No grant on the whole bucket's objects, which would include both prefixes.
      expect(writersOf('')).toEqual([]);
      expect(denies.map(({ Resource, Condition }) => [JSON.stringify(Resource).match(/\/(\w+)\/\*/)?.[1], Condition?.ArnNotEquals?.['aws:PrincipalArn']])).toEqual([
        ['events', roleOf(archiver)],
        ['digests', roleOf(digestWriter)],
        ['checkpoints', roleOf(digestWriter)],
      ]);
    });
  });

  describe('least privilege: API routes, from their declared access', () => {
    it('gives table access only to routes that declare it, and writes only to readWrite routes', () => {
      // Prepare
      const withTable = handlersWith((route) => route.access.table !== undefined);
      const withWrites = handlersWith((route) => route.access.table === 'readWrite');

      for (const [handler, { statements }] of apiGrants()) {
        // Act
        const dynamoActions = actionsIn(statements, 'dynamodb:');
        const tableKeyActions = actionsOf(statementsOn(statements, ids().tableKey));

        // Assess
        if (!withTable.has(handler)) {
          expect(dynamoActions, handler).toEqual([]);
          expect(tableKeyActions, handler).toEqual([]);
          continue;
        }
        expect(dynamoActions, handler).toContain('dynamodb:Query');
        expect(dynamoActions, handler).not.toContain('dynamodb:Scan');
        expect(dynamoActions.includes('dynamodb:PutItem'), handler).toBe(withWrites.has(handler));
        expect(tableKeyActions, handler).toContain('kms:Decrypt');
      }
    });

    it('lets routes that only read update the rate counter items and no other', () => {
      // Prepare
      const readOnly = handlersWith((route) => route.access.table === 'read' && route.authorization !== 'public');
      const withWrites = handlersWith((route) => route.access.table === 'readWrite');
      expect(readOnly.size).toBeGreaterThan(0);

      for (const [handler, { statements }] of apiGrants()) {
        if (!readOnly.has(handler) || withWrites.has(handler)) continue;
        // Act
        const updates = statements.filter(({ Action }) => asList(Action).includes('dynamodb:UpdateItem'));

        // Assess
        expect(updates, handler).toHaveLength(1);
        expect(asList(updates[0]!.Action), handler).toEqual(['dynamodb:UpdateItem']);
        expect(Object.keys(updates[0]!.Condition ?? {}), handler).toEqual(['ForAllValues:StringLike']);
        expect(asList(updates[0]!.Condition!['ForAllValues:StringLike']!['dynamodb:LeadingKeys'] as string | string[]), handler).toEqual([RATE_COUNTER_LEADING_KEYS]);
      }
    });

    it('lets only routes with userPoolAdmin call exactly the Cognito admin actions, disabling and signing out included', () => {
      // Prepare
      const admins = handlersWith((route) => route.access.userPoolAdmin === true);

      for (const [handler, { statements }] of apiGrants()) {
        // Act
        const cognitoActions = actionsIn(statements, 'cognito-idp:');

        // Assess
        expect(cognitoActions.sort(), handler).toEqual(admins.has(handler) ? [...USER_POOL_ADMIN_ACTIONS].sort() : []);
      }
      expect([...admins]).toContain('auth/signup');
      expect(USER_POOL_ADMIN_ACTIONS).toEqual(
        expect.arrayContaining(['cognito-idp:AdminDisableUser', 'cognito-idp:AdminEnableUser', 'cognito-idp:AdminUserGlobalSignOut']),
      );
    });

    it('lets only routes with fieldKeys use the field key: exactly four actions, only with a tenantId encryption context', () => {
      // Prepare
      const withFieldKeys = handlersWith((route) => route.access.fieldKeys === true);

      for (const [handler, { statements }] of apiGrants()) {
        // Act
        const onFieldKey = statementsOn(statements, ids().fieldKey);

        // Assess
        if (!withFieldKeys.has(handler)) {
          expect(onFieldKey, handler).toEqual([]);
          continue;
        }
        expect(onFieldKey, handler).toHaveLength(1);
        expect(asList(onFieldKey[0]!.Action).sort(), handler).toEqual([...FIELD_KEY_ACTIONS].sort());
        expect(onFieldKey[0]!.Condition, handler).toEqual({ Null: { 'kms:EncryptionContext:tenantId': 'false' } });
      }
      // Outside the API only the webhook dispatchers touch it, and only to unwrap (to decrypt a signing secret).
      const { events } = synth().stacks;
      const dispatchers = [events.webhooks.dispatcher.function, events.webhooks.retrier.function].map(logicalIdOf);
      for (const { stack, logicalId, statements } of functionGrants(synth().allTemplates).filter(({ stack }) => stack !== 'api' && !stack.startsWith('api/'))) {
        const onFieldKey = statementsOn(statements, ids().fieldKey);
        if (stack === 'events' && dispatchers.includes(logicalId)) {
          expect(onFieldKey.map(({ Action, Condition }) => ({ Action, Condition })), logicalId).toEqual([
            { Action: 'kms:Decrypt', Condition: { Null: { 'kms:EncryptionContext:tenantId': 'false' } } },
          ]);
        } else {
          expect(onFieldKey, `${stack}/${logicalId}`).toEqual([]);
        }
      }
    });

    it('lets only routes with mail send email, as the mail identity only', () => {
      // Prepare
      const withMail = handlersWith((route) => route.access.mail === true);

      for (const [handler, { statements }] of apiGrants()) {
        // Act
        const sesStatements = statements.filter(({ Action }) => asList(Action).some((action) => action.startsWith('ses:')));

        // Assess
        if (!withMail.has(handler)) {
          expect(sesStatements, handler).toEqual([]);
          continue;
        }
        expect(sesStatements.map(({ Action }) => Action), handler).toEqual(['ses:SendEmail']);
        expect(refersTo(sesStatements[0]!.Resource, ids().mailIdentity), handler).toBe(true);
      }
    });

    it('lets only routes with auditArchive read the archive: list, get events and digests, decrypt, the public key', () => {
      // Prepare
      const readers = handlersWith((route) => route.access.auditArchive === true);
      const { archiveBucket, archiveKey, signingKey, archiveReader } = ids();

      for (const [handler, { statements, managedPolicies }] of apiGrants()) {
        // Act
        const archiveAccess = [...statementsOn(statements, archiveBucket), ...statementsOn(statements, archiveKey), ...statementsOn(statements, signingKey)];

        // Assess
        if (!readers.has(handler)) {
          expect(archiveAccess, handler).toEqual([]);
          // The imports and exports buckets are their own suites' to check.
          const importsBucket = logicalIdOf(synth().stacks.api.imports.bucket);
          const otherS3 = statements.filter(({ Resource }) => !refersTo(Resource, importsBucket) && !refersTo(Resource, ids().exportsBucket));
          expect(actionsIn(otherS3, 's3:'), handler).toEqual([]);
          continue;
        }
        expect(managedPolicies, handler).toEqual([archiveReader]);
        expect(actionsOf(archiveAccess).sort(), handler).toEqual(['kms:Decrypt', 'kms:GetPublicKey', 's3:GetObject', 's3:ListBucket']);
      }
    });

    it('lets only routes with contactExports write and read exports: under tenant= only, no list or delete, with the exports key', () => {
      // Prepare
      const exporters = handlersWith((route) => route.access.contactExports === true);
      const { exportsBucket, exportsKey } = ids();

      for (const [handler, { statements }] of apiGrants()) {
        // Act
        const onBucket = statementsOn(statements, exportsBucket);
        const onKey = statementsOn(statements, exportsKey);

        // Assess
        if (!exporters.has(handler)) {
          expect([...onBucket, ...onKey], handler).toEqual([]);
          continue;
        }
        expect(onBucket, handler).toHaveLength(1);
        expect(asList(onBucket[0]!.Action).sort(), handler).toEqual([...CONTACT_EXPORT_ACTIONS].sort());
        expect(JSON.stringify(onBucket[0]!.Resource), handler).toContain(`"/${EXPORT_KEY_PREFIX}*"`);
        expect(actionsOf(onKey).sort(), handler).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
      }
      expect([...exporters].sort()).toEqual(['contacts/export-contacts', 'privacy/export-contact-subject']);
    });
  });
}
