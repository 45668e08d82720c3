/** Levenshtein edit distance between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);

  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }

  return previous[b.length];
}

/** Returns the candidate closest to `input`, or undefined when none is within a third of its length (at least 2 edits). */
export function closest(input: string, candidates: string[]): string | undefined {
  const lower = input.toLowerCase();
  const limit = Math.max(2, Math.floor(lower.length / 3));
  let best: { candidate: string; distance: number } | undefined;

  for (const candidate of candidates) {
    const distance = candidate.startsWith(lower) && lower.length >= 3 ? 1 : editDistance(lower, candidate);
    if (distance <= limit && (!best || distance < best.distance)) best = { candidate, distance };
  }

  return best?.candidate;
}
