export { TABLE_SCHEMA, type IndexName } from './table-schema';
export { keys, type PrimaryKey } from './keys';
export { DynamoContactRepository, type TableOptions } from './contact-repository';
export { DynamoTenantRepository, type TenantRepositoryOptions } from './tenant-repository';
export { ensureTable } from './create-table';
export { KEY_ATTRIBUTES, AUDIT_EVENT_ENTITY } from './keys';
export { auditEventItem, auditEventOf, AUDIT_DAYS_IN_TABLE } from './audit-items';
export { recordOf } from './items';
