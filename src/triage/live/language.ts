/**
 * Language identification with franc-min, which returns ISO 639-3 codes;
 * tickets store the two-letter ISO 639-1 code where one exists.
 */
import { francAll } from 'franc-min';

const twoLetterCodes: Record<string, string> = {
  eng: 'en', deu: 'de', fra: 'fr', spa: 'es', por: 'pt', ita: 'it', nld: 'nl', rus: 'ru', ukr: 'uk', pol: 'pl',
  ces: 'cs', slk: 'sk', swe: 'sv', dan: 'da', nob: 'nb', fin: 'fi', hun: 'hu', ron: 'ro', tur: 'tr', ell: 'el',
  bul: 'bg', hrv: 'hr', srp: 'sr', bos: 'bs', slv: 'sl', arb: 'ar', heb: 'he', pes: 'fa', urd: 'ur', hin: 'hi',
  ben: 'bn', jpn: 'ja', cmn: 'zh', kor: 'ko', vie: 'vi', tha: 'th', ind: 'id', zlm: 'ms', tgl: 'tl', cat: 'ca',
};

/** Texts shorter than this, in characters, are too short for a reliable guess. */
const minLength = 20;

export interface LanguageGuess {
  /** ISO 639-1 code when one exists, else the ISO 639-3 code. */
  code: string;
  /** Gap between the best and the second-best franc score, from 0 to 1. */
  confidence: number;
}

/** Maps an ISO 639-3 code to the ticket's language code. */
export function toTicketLanguage(iso6393: string): string {
  return twoLetterCodes[iso6393] ?? iso6393;
}

/** Returns the text's language, or null when franc cannot tell ("und"). */
export function detectLanguage(text: string): LanguageGuess | null {
  const [best, second] = francAll(text, { minLength });
  if (!best || best[0] === 'und') return null;

  return { code: toTicketLanguage(best[0]), confidence: second ? 1 - second[1] : 1 };
}
