import { AppError } from '../../core/errors.ts';
import { readMappingFile } from '../mapping.ts';
import type { ImportOptions } from '../types.ts';

/** Account fields a column can map to. */
export const accountTargets = [
  'name', 'externalId', 'domains', 'tier', 'arr', 'currency', 'plan', 'seats', 'renewalDate', 'healthScore', 'segment', 'region', 'csmEmail',
] as const;
export type AccountTarget = (typeof accountTargets)[number];

export type AccountFieldMap = Partial<Record<AccountTarget, string>>;

/** Header names (lower case, without spaces, "_" or "-") that map to a field when no mapping names it. */
const headerAliases: Record<AccountTarget, string[]> = {
  name: ['name', 'accountname', 'company', 'organization', 'organisation'],
  externalId: ['externalid', 'id', 'accountid'],
  domains: ['domains', 'domain', 'website'],
  tier: ['tier'],
  arr: ['arr', 'annualrecurringrevenue'],
  currency: ['currency'],
  plan: ['plan'],
  seats: ['seats', 'licenses', 'licences'],
  renewalDate: ['renewaldate', 'renewal', 'renewson'],
  healthScore: ['healthscore', 'health'],
  segment: ['segment'],
  region: ['region'],
  csmEmail: ['csm', 'csmemail', 'customersuccessmanager'],
};

function assertTargets(fields: Record<string, unknown>, origin: string): void {
  for (const target of Object.keys(fields)) {
    if (!(accountTargets as readonly string[]).includes(target)) {
      throw new AppError('invalid_input', `Unknown account field "${target}" in the mapping`, [
        { field: origin, value: target, fix: `use one of ${accountTargets.join(', ')}` },
      ]);
    }
  }
}

/** Builds the account mapping: fields guessed from the header, then the mapping file, then --map options. */
export function accountMapping(columns: string[], options: ImportOptions): AccountFieldMap {
  const normalised = new Map(columns.map((column) => [column.toLowerCase().replace(/[\s_-]+/g, ''), column]));
  const guessed: AccountFieldMap = {};
  for (const target of accountTargets) {
    const column = headerAliases[target].map((alias) => normalised.get(alias)).find((found) => found !== undefined);
    if (column !== undefined) guessed[target] = column;
  }

  const fromFile = options.mappingFile ? (readMappingFile(options.mappingFile).fields ?? {}) : {};
  assertTargets(fromFile, '--mapping');
  assertTargets(options.map ?? {}, '--map');
  const fields = { ...guessed, ...fromFile, ...(options.map ?? {}) } as AccountFieldMap;

  if (!fields.name) {
    throw new AppError('invalid_input', 'No column is mapped to name', [
      { field: 'name', fix: `pass --map name=COLUMN with one of the columns: ${columns.join(', ')}` },
    ]);
  }
  return fields;
}

/** Checks a CSV header against the mapping before any row is read, so a typo stops the import at once. */
export function assertAccountColumns(fields: AccountFieldMap, columns: string[], path: string): void {
  const known = new Set(columns);
  const missing = Object.values(fields).find((column) => !known.has(column as string));
  if (missing !== undefined) {
    throw new AppError('invalid_input', `Column "${missing}" is not in the header of ${path}`, [
      { field: 'column', value: missing, fix: `map the field to one of the columns: ${columns.join(', ')}` },
    ]);
  }
}
