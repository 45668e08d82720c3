/** User-facing texts of the import: reject reasons and fixes, and command errors. */
export const rejectText = {
  brokenQuote: { reason: 'broken CSV quoting', fix: 'close the quoted field and double any quote inside it ("")' },
  csvError: { reason: 'unreadable CSV record', fix: 'check the delimiters and quotes of this record' },
  fieldCount: { reason: 'wrong number of fields', fix: 'give the row one value per header column' },
  invalidUtf8: { reason: 'invalid UTF-8', fix: 'save the file as UTF-8' },
  invalidJson: { reason: 'invalid JSON', fix: 'write one JSON object per line' },
  notObject: { reason: 'row is not a JSON object or array', fix: 'write each row as a JSON object' },
  missing: (field: string) => ({ reason: `missing ${field}`, fix: `fill in ${field} or map another column to it with --map ${field}=COLUMN` }),
  unknownTerm: (field: string, keys: string[]) => ({
    reason: `unknown ${field}`,
    fix: `use one of ${keys.join(', ')}, or add a value map for ${field} to the mapping`,
  }),
  unknownTeam: { reason: 'unknown team', fix: 'create the team first, or use a preset or mapping with createTeams' },
  unknownComponent: { reason: 'unknown component', fix: 'create the product component first, or use a mapping with createComponents' },
  badDate: { reason: 'invalid date', fix: 'write the date as ISO 8601, for example 2024-03-01T09:30:00Z' },
  badEmail: { reason: 'invalid email address', fix: 'give a full address such as name@example.com' },
  badLanguage: { reason: 'invalid language code', fix: 'use an ISO 639 code such as en or pt-br' },
  databaseError: (message: string) => ({ reason: `the database rejected the row: ${message}`, fix: 'correct the value the database names and import again' }),
  badKey: (field: string) => ({ reason: `invalid ${field}`, fix: `use letters, digits, "-", "_" or "." in ${field}` }),
} as const;

export const errorText = {
  fileNotFound: (path: string) => `Cannot read ${path}: no such file or directory`,
  unknownFormat: (path: string) => `Cannot tell the format of ${path} from its extension`,
  unknownFormatFix: 'pass --format csv, --format json or --format jsonl',
  unknownPreset: (name: string) => `Unknown preset "${name}"`,
  directoryNeedsPreset: (path: string) => `${path} is a directory; only a preset can import a directory`,
  noPresetFile: (path: string, preset: string) => `${path} is not one of the files preset ${preset} reads`,
  unknownTarget: (target: string) => `Unknown target field "${target}" in the mapping`,
  badMapOption: (value: string) => `Invalid --map value "${value}"`,
  badMappingFile: (path: string, problem: string) => `Invalid mapping file ${path}: ${problem}`,
  missingColumn: (column: string, path: string) => `Column "${column}" is not in the header of ${path}`,
  noRequiredMapping: (field: string) => `No column is mapped to ${field}`,
  emptyFile: (path: string) => `${path} has no data rows`,
  allRejected: (path: string, rejectsPath: string) => `Every row of ${path} was rejected; see ${rejectsPath} for the reason of each row`,
  unreadableFile: (path: string, problem: string) => `Cannot read ${path}: ${problem}`,
} as const;
