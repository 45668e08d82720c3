/**
 * The stop words of PostgreSQL's `english` text search configuration (the
 * Snowball English list in its share/tsearch_data/english.stop). A search
 * term made only of these words yields an empty tsquery, which matches no
 * row, so the compiler drops such terms instead of filtering everything out.
 */
const englishStopWords = new Set(`
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself
it its itself they them their theirs themselves what which who whom this that these those am is are was were be
been being have has had having do does did doing a an the and but if or because as until while of at by for with
about against between into through during before after above below to from up down in out on off over under again
further then once here there when where why how all any both each few more most other some such no nor not only
own same so than too very s t can will just don should now
`.trim().split(/\s+/));

/** True when every word of the text is an English stop word (or the text has no words). */
export function onlyStopWords(text: string): boolean {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.every((word) => englishStopWords.has(word));
}
