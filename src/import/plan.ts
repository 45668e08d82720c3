import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/errors.ts';
import { combineMappings, readMappingFile } from './mapping.ts';
import { errorText } from './messages.ts';
import { presets, type ImportPreset } from './presets/index.ts';
import type { ImportFormat, ImportMapping, ImportOptions } from './types.ts';

/** One file to read, with the mappings it may use: the first one its header satisfies wins. */
export interface PlannedFile {
  path: string;
  format: ImportFormat;
  size: number;
  /** Empty when the mapping comes from the header alone. */
  mappings: ImportMapping[];
}

export interface ImportPlan {
  source: string;
  files: PlannedFile[];
  /** Mapping file and --map overrides, applied on top of the preset or guessed mapping. */
  override: (mapping: ImportMapping) => ImportMapping;
}

const extensions: Record<string, ImportFormat> = { '.csv': 'csv', '.json': 'json', '.jsonl': 'jsonl', '.ndjson': 'jsonl' };

function formatOf(filePath: string, explicit?: ImportFormat): ImportFormat {
  const format = explicit ?? extensions[path.extname(filePath).toLowerCase()];
  if (!format) {
    throw new AppError('invalid_input', errorText.unknownFormat(filePath), [{ field: '--format', value: filePath, fix: errorText.unknownFormatFix }]);
  }

  return format;
}

function findPreset(name: string): ImportPreset {
  const preset = presets[name];
  if (!preset) {
    throw new AppError('invalid_input', errorText.unknownPreset(name), [
      { field: '--preset', value: name, fix: `use one of ${Object.keys(presets).join(', ')}` },
    ]);
  }

  return preset;
}

function presetFiles(preset: ImportPreset, target: string, isDirectory: boolean, explicit?: ImportFormat): Omit<PlannedFile, 'size'>[] {
  if (isDirectory) {
    const present = preset.files.filter((file) => fs.existsSync(path.join(target, file.name)));
    if (present.length === 0) {
      throw new AppError('invalid_input', errorText.noPresetFile(target, preset.name), [
        { field: 'FILE', value: target, fix: `give a directory holding ${preset.files.map((file) => file.name).join(', ')}` },
      ]);
    }

    return present.map((file) => ({ path: path.join(target, file.name), format: explicit ?? file.format ?? formatOf(file.name), mappings: [file.mapping] }));
  }

  // A file with another name (a sample, a fixture) may use any of the preset's layouts that its header fits.
  const named = preset.files.filter((file) => file.name === path.basename(target));
  const candidates = named.length > 0 ? named : preset.files;

  return [{ path: target, format: formatOf(target, explicit ?? candidates[0].format), mappings: candidates.map((file) => file.mapping) }];
}

function defaultSource(target: string): string {
  return path.basename(target).replace(/\.[^.]+$/, '').toLowerCase().replace(/[^a-z0-9_.-]+/g, '-') || 'import';
}

/** Resolves the files, formats, mappings and source of an import before anything is read. */
export function planImport(options: ImportOptions): ImportPlan {
  const stat = fs.statSync(options.path, { throwIfNoEntry: false });
  if (!stat) {
    throw new AppError('invalid_input', errorText.fileNotFound(options.path), [{ field: 'FILE', value: options.path, fix: 'give the path of an existing file' }]);
  }

  const preset = options.preset ? findPreset(options.preset) : undefined;
  if (stat.isDirectory() && !preset) {
    throw new AppError('invalid_input', errorText.directoryNeedsPreset(options.path), [{ field: '--preset', value: options.path, fix: 'give a file, or a directory together with --preset' }]);
  }

  const files = preset
    ? presetFiles(preset, options.path, stat.isDirectory(), options.format)
    : [{ path: options.path, format: formatOf(options.path, options.format), mappings: [] }];
  const mappingFile = options.mappingFile ? readMappingFile(options.mappingFile) : undefined;

  return {
    source: options.source ?? preset?.source ?? defaultSource(options.path),
    files: files.map((file) => ({ ...file, size: fs.statSync(file.path).size })),
    override: (mapping) => combineMappings(mapping, mappingFile, options.map),
  };
}
