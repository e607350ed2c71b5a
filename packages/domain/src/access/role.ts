import type { Versioned } from '../shared/versioned';
import type { Permission } from './permissions';

/** A named set of permissions. Built-in roles have their key as id; custom roles a ULID. */
export interface Role {
  id: string;
  name: string;
  description?: string;
  permissions: Permission[];
  builtIn: boolean;
}

/** A role a tenant made, stored in the table. `memberCount` lets a delete refuse a role in use, atomically. */
export interface CustomRole extends Role, Versioned {
  builtIn: false;
  memberCount: number;
}
