import type { ImportFormat, ImportMapping } from '../types.ts';

/** One file of a data set and how its rows map to tickets. */
export interface PresetFile {
  /** File name inside the data set directory. */
  name: string;
  format?: ImportFormat;
  mapping: ImportMapping;
}

export interface ImportPreset {
  name: string;
  description: string;
  /** Ticket source, the namespace of the external ids. */
  source: string;
  files: PresetFile[];
}
