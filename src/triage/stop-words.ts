/**
 * English function words left out of word terms when a retrieval index sets
 * stopWords. Whole-question queries repeat them so often that, even with a
 * low IDF, they pull long documents up the BM25 and cosine rankings.
 */
export const englishStopWords: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both but by
can could did do does doing down during each few for from further had has have having he her here hers herself him himself
his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them themselves then there these they this
those through to too under until up very was we were what when where which while who whom why will with would you your
yours yourself yourselves i'm it's don't can't i've i'd i'll`.split(/\s+/),
);

/**
 * Words nearly every ticket contains besides the function words: greetings,
 * thanks and time fillers. They show neither what a ticket is about nor
 * whether a model was trained on its topic.
 */
export const ticketFillerWords: ReadonlySet<string> = new Set([
  ...englishStopWords,
  ...`also something since still yet already even get got please thanks thank hello hi hey dear team regards
best kind morning today yesterday again http https www`.split(/\s+/),
]);
