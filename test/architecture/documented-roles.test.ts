import { ALL_PERMISSIONS, BUILT_IN_ROLES, PERMISSIONS } from '@rapport/domain';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** docs/permissions.md's role and permission tables are what users read; they must say what the code does. */
const doc = readFileSync(resolve(import.meta.dirname, '../../docs/permissions.md'), 'utf8');

function tableRows(heading: RegExp): [string, string][] {
  const section = doc.slice(doc.search(heading));
  return [...section.matchAll(/^\| `([a-z_:]+)` \| (.+?) \|$/gm)].map((match) => [match[1]!, match[2]!]);
}

describe('the documented roles and permissions', () => {
  it('lists every permission of the catalogue, and only those', () => {
    const documented = tableRows(/permission catalogue/).filter(([name]) => name.includes(':')).map(([name]) => name);

    expect(new Set(documented)).toEqual(new Set(Object.keys(PERMISSIONS)));
  });

  it('gives each built-in role exactly its documented set', () => {
    const documented = Object.fromEntries(
      tableRows(/Built-in roles \(/)
        .filter(([name]) => !name.includes(':'))
        .map(([role, cell]) => {
          if (cell === 'all of them') return [role, ALL_PERMISSIONS];
          const but = /^all but (.+)$/.exec(cell);
          const named = [...(but ? but[1]! : cell).matchAll(/`([a-z_:]+)`/g)].map((match) => match[1]!);
          return [role, but ? ALL_PERMISSIONS.filter((permission) => !named.includes(permission)) : named];
        }),
    );

    expect(Object.keys(documented)).toEqual(Object.keys(BUILT_IN_ROLES));
    for (const [role, definition] of Object.entries(BUILT_IN_ROLES)) {
      expect([...documented[role]!].sort(), role).toEqual([...definition.permissions].sort());
    }
  });
});
