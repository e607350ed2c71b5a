export { TABLE_SCHEMA, type IndexName } from './table-schema';
export { keys, type PrimaryKey } from './keys';
export { DynamoContactRepository, type TableOptions } from './contact-repository';
export { DynamoTenantRepository, type TenantRepositoryOptions } from './tenant-repository';
export { ensureTable } from './create-table';
