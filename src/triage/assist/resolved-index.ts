/**
 * The per-process retrieval index of resolved tickets: subject plus first
 * customer message of every solved or closed ticket, in a SimilarityIndex.
 *
 * It is built on first use and kept fresh by polling: a lookup that finds the
 * last refresh older than refreshIntervalMs first adds the tickets whose
 * updated_at moved past the watermark (solving or closing a ticket updates
 * it). So every lookup sees each ticket solved at least refreshIntervalMs
 * before it. A ticket that is reopened stays in the index, and lookups drop it
 * when they read its current status.
 */
import { SimilarityIndex, type RetrievalHit, type RetrievalOptions } from '../retrieval.ts';
import { tokenize } from '../text.ts';
import type { Queryable } from '../../store/index.ts';

export interface ResolvedIndexOptions {
  /** Maximum age of the index before a lookup polls for newly resolved tickets. */
  refreshIntervalMs: number;
  /**
   * How far before the watermark each poll starts reading. updated_at is set
   * when a transaction starts, so a ticket whose solving transaction commits
   * late can carry a time below the watermark. The overlap picks it up.
   */
  watermarkOverlapMs: number;
  /** Rows read per query while loading. */
  batchSize: number;
  /** Characters of the first message that are indexed. */
  maxBodyChars: number;
  retrieval: Partial<RetrievalOptions>;
  /**
   * Query words found in more than this share of indexed tickets are left out
   * of lookups. They add little to the ranking (their IDF is near zero) but
   * make each lookup score most of the index.
   */
  maxQueryWordShare: number;
  /** The share rule applies only from this many tickets, so small indexes keep every word. */
  minTicketsForPruning: number;
}

/**
 * The lexical options that scored best on the tuning half of the AskUbuntu
 * duplicate benchmark (src/triage/eval/askubuntu-eval.ts scores them on the
 * held-out half as `live_options_test`). The first stage ranks stemmed words,
 * with titles counted three times, by cosine. The re-ranking mixes word and
 * character cosines with a title cosine and BM25.
 * The latent cosine, which the evaluation also tunes, is left out: fitting it
 * blocks the server for 9 to 11 s at 100,000 tickets, and it did not raise the
 * held-out score.
 */
export const tunedRetrievalOptions: Partial<RetrievalOptions> = {
  firstStage: 'cosine',
  titleWeight: 3,
  stem: true,
  wordCosineWeight: 0.4,
  charWeight: 0.4,
  titleCosineWeight: 0.12,
  rerankDepth: 100,
};

export const defaultResolvedIndexOptions: ResolvedIndexOptions = {
  refreshIntervalMs: 10_000,
  watermarkOverlapMs: 60_000,
  batchSize: 5_000,
  maxBodyChars: 4_000,
  retrieval: tunedRetrievalOptions,
  maxQueryWordShare: 0.1,
  minTicketsForPruning: 1_000,
};

/** The text a ticket is indexed and queried by: its subject and first customer message. */
export interface TicketText {
  id: number;
  subject: string;
  firstMessage: string;
}

interface ResolvedRow {
  id: number;
  subject: string;
  first_message: string | null;
  /** updated_at as PostgreSQL text, which keeps the microseconds that a JavaScript Date drops. */
  updated_at: string;
}

// The first customer message, or the first message of any author when the customer wrote none.
const firstMessageColumn = `(select m.body from messages m where m.ticket_id = t.id
   order by (m.author_kind = 'customer') desc, m.created_at, m.id limit 1)`;

const resolvedPageSql = `
  select t.id, t.subject, t.updated_at::text as updated_at, ${firstMessageColumn} as first_message
  from tickets t
  where t.status in ('solved', 'closed')
    and (t.updated_at, t.id) > ($1::timestamptz - $4::integer * interval '1 millisecond', $2::bigint)
  order by t.updated_at, t.id
  limit $3`;

/** Reads the subject and first customer message of one ticket, or null when it does not exist. */
export async function readTicketText(db: Queryable, ticketId: number): Promise<TicketText | null> {
  const [row] = await db.query<{ id: number; subject: string; first_message: string | null }>(
    `select t.id, t.subject, ${firstMessageColumn} as first_message from tickets t where t.id = $1`,
    [ticketId],
  );

  return row ? { id: row.id, subject: row.subject, firstMessage: row.first_message ?? '' } : null;
}

export class ResolvedTicketIndex {
  readonly options: ResolvedIndexOptions;
  private readonly index: SimilarityIndex;
  private readonly indexed = new Set<number>();
  private readonly wordFrequency = new Map<string, number>();
  /** updated_at text of the newest ticket read so far. */
  private watermark = '-infinity';
  private refreshedAt = -Infinity;
  private inFlight: Promise<number> | null = null;

  constructor(
    private readonly db: Queryable,
    options: Partial<ResolvedIndexOptions> = {},
    private readonly clock: () => number = Date.now,
  ) {
    this.options = { ...defaultResolvedIndexOptions, ...options };
    this.index = new SimilarityIndex(this.options.retrieval);
  }

  get size(): number {
    return this.index.size;
  }

  /**
   * Returns up to limit indexed tickets most similar to the given text, best
   * first, leaving out excludeIds. Builds the index on first use and polls
   * for new tickets when it is older than the refresh interval.
   */
  async search(text: TicketText, limit: number, excludeIds: number[] = []): Promise<RetrievalHit[]> {
    if (this.clock() - this.refreshedAt >= this.options.refreshIntervalMs) {
      await this.refresh();
    }

    const query = { id: String(text.id), title: this.withoutCommonWords(text.subject), body: this.withoutCommonWords(text.firstMessage) };
    return this.index.search(query, limit, new Set(excludeIds.map(String)));
  }

  private withoutCommonWords(text: string): string {
    if (this.index.size < this.options.minTicketsForPruning) {
      return text;
    }

    const maxCount = this.options.maxQueryWordShare * this.index.size;
    return tokenize(text).filter((word) => (this.wordFrequency.get(word) ?? 0) <= maxCount).join(' ');
  }

  /** Adds the tickets resolved since the last refresh and returns how many were added. Concurrent callers share one poll. */
  refresh(): Promise<number> {
    this.inFlight ??= this.poll().finally(() => {
      this.inFlight = null;
    });

    return this.inFlight;
  }

  /** Adds one document directly, for benchmarks and tests that build an index without a database. */
  addDocument(text: TicketText): void {
    if (this.indexed.has(text.id)) {
      return;
    }

    const body = text.firstMessage.slice(0, this.options.maxBodyChars);
    this.indexed.add(text.id);
    this.index.add({ id: String(text.id), title: text.subject, body });
    for (const word of new Set(tokenize(`${text.subject} ${body}`))) {
      this.wordFrequency.set(word, (this.wordFrequency.get(word) ?? 0) + 1);
    }
  }

  private async poll(): Promise<number> {
    const startedAt = this.clock();
    let cursor = { time: this.watermark, id: 0, overlapMs: this.options.watermarkOverlapMs };
    let added = 0;

    for (;;) {
      const rows = await this.db.query<ResolvedRow>(resolvedPageSql, [cursor.time, cursor.id, this.options.batchSize, cursor.overlapMs]);
      for (const row of rows) {
        const before = this.indexed.size;
        this.addDocument({ id: row.id, subject: row.subject, firstMessage: row.first_message ?? '' });
        added += this.indexed.size - before;
      }

      // Rows come in updated_at order, so the last row of the last page carries the newest time.
      const last = rows[rows.length - 1];
      if (last) this.watermark = last.updated_at;
      if (rows.length < this.options.batchSize) break;
      cursor = { time: last.updated_at, id: last.id, overlapMs: 0 };
    }

    this.refreshedAt = startedAt;
    return added;
  }
}
