import type { Queryable } from '../store/index.ts';
import { termNames } from '../vocabularies/index.ts';
import type { Lookups } from './normalize.ts';
import type { ImportMapping, TicketDraft } from './types.ts';

const vocabularyFields = ['status', 'priority', 'category', 'channel'];

/**
 * In-memory keys of vocabularies, teams, components, accounts and contacts,
 * so each batch queries only the records it has not seen yet.
 */
export class ReferenceCache {
  readonly lookups: Lookups = { vocabulary: new Map(), teams: new Map(), components: new Map() };
  private readonly teamIds = new Map<string, number>();
  private readonly componentIds = new Map<string, number>();
  private readonly accountIdsByExternalId = new Map<string, number>();
  private readonly accountIdsByName = new Map<string, number>();
  private readonly contactIds = new Map<string, number>();

  async load(db: Queryable) {
    const terms = await db.query<{ vocabulary: string; key: string; label: string }>(
      'select vocabulary, key, label from vocabulary_terms where active and vocabulary = any($1::text[])',
      [vocabularyFields],
    );
    const mapOf = (vocabulary: string) => {
      const map = this.lookups.vocabulary.get(vocabulary) ?? new Map<string, string>();
      this.lookups.vocabulary.set(vocabulary, map);
      return map;
    };
    // Keys go in first, so a label can never take the name of another term's key.
    for (const term of terms) mapOf(term.vocabulary).set(term.key.toLowerCase(), term.key);
    for (const term of terms) {
      const map = mapOf(term.vocabulary);
      for (const name of termNames(term)) {
        if (!map.has(name)) map.set(name, term.key);
      }
    }

    for (const team of await db.query<{ id: number; key: string; name: string }>('select id, key, name from teams')) {
      this.rememberNamed(this.lookups.teams, this.teamIds, team);
    }
    for (const component of await db.query<{ id: number; key: string; name: string }>('select id, key, name from product_components')) {
      this.rememberNamed(this.lookups.components, this.componentIds, component);
    }
  }

  private rememberNamed(lookup: Map<string, string>, ids: Map<string, number>, row: { id: number; key: string; name: string }) {
    lookup.set(row.name.toLowerCase(), row.key);
    lookup.set(row.key, row.key);
    ids.set(row.key, row.id);
  }

  /** Inserts the mapping's own category terms and a text definition for each custom field it fills. */
  async seed(db: Queryable, mapping: ImportMapping) {
    for (const [position, term] of (mapping.categoryTerms ?? []).entries()) {
      await db.query(
        `insert into vocabulary_terms (vocabulary, key, label, position) values ('category', $1, $2, $3)
         on conflict (vocabulary, key) do nothing`,
        [term.key, term.label, 100 + position],
      );
    }

    const customKeys = Object.keys(mapping.fields).concat(Object.keys(mapping.defaults))
      .filter((target) => target.startsWith('custom.'))
      .map((target) => target.slice('custom.'.length));
    for (const key of new Set(customKeys)) {
      const label = key.replace(/_/g, ' ').replace(/^./, (first) => first.toUpperCase());
      await db.query(
        `insert into custom_field_definitions (entity, key, label, type) values ('ticket', $1, $2, 'text')
         on conflict (entity, key) do nothing`,
        [key, label],
      );
    }
  }

  teamId(key: string | undefined): number | null {
    return key === undefined ? null : this.teamIds.get(key) ?? null;
  }

  componentId(key: string | undefined): number | null {
    return key === undefined ? null : this.componentIds.get(key) ?? null;
  }

  accountId(draft: TicketDraft): number | null {
    if (draft.accountExternalId) return this.accountIdsByExternalId.get(draft.accountExternalId) ?? null;
    if (draft.accountName) return this.accountIdsByName.get(draft.accountName.toLowerCase()) ?? null;

    return null;
  }

  contactId(email: string | null): number | null {
    return email ? this.contactIds.get(email) ?? null : null;
  }

  /** Creates the teams and components a batch names that do not exist yet. */
  async ensureNamed(db: Queryable, drafts: TicketDraft[]) {
    const teams = drafts.map((draft) => draft.team).filter((team) => team && !this.teamIds.has(team.key));
    const components = drafts.map((draft) => draft.component).filter((component) => component && !this.componentIds.has(component.key));

    for (const [table, wanted, lookup, ids] of [
      ['teams', teams, this.lookups.teams, this.teamIds],
      ['product_components', components, this.lookups.components, this.componentIds],
    ] as const) {
      const unique = [...new Map(wanted.map((item) => [item!.key, item!.name])).entries()];
      if (unique.length === 0) continue;
      const rows = await db.query<{ id: number; key: string; name: string }>(
        `insert into ${table} (key, name) select * from unnest($1::text[], $2::text[])
         on conflict (key) do update set key = excluded.key returning id, key, name`,
        [unique.map(([key]) => key), unique.map(([, name]) => name)],
      );
      for (const row of rows) this.rememberNamed(lookup, ids, row);
    }
  }

  /** Finds or creates the accounts a batch names, by external id or else by name. */
  async ensureAccounts(db: Queryable, drafts: TicketDraft[]) {
    const byExternalId = new Map<string, string>();
    const byName = new Map<string, string>();
    for (const draft of drafts) {
      if (draft.accountExternalId && !this.accountIdsByExternalId.has(draft.accountExternalId)) {
        byExternalId.set(draft.accountExternalId, draft.accountName ?? draft.accountExternalId);
      } else if (!draft.accountExternalId && draft.accountName && !this.accountIdsByName.has(draft.accountName.toLowerCase())) {
        byName.set(draft.accountName.toLowerCase(), draft.accountName);
      }
    }

    if (byExternalId.size > 0) {
      const rows = await db.query<{ id: number; external_id: string }>(
        `insert into accounts (external_id, name) select * from unnest($1::text[], $2::text[])
         on conflict (external_id) do update set name = excluded.name, updated_at = now() returning id, external_id`,
        [[...byExternalId.keys()], [...byExternalId.values()]],
      );
      for (const row of rows) this.accountIdsByExternalId.set(row.external_id, row.id);
    }

    if (byName.size > 0) {
      const found = await db.query<{ id: number; name: string }>(
        'select min(id) as id, lower(name) as name from accounts where lower(name) = any($1::text[]) group by lower(name)',
        [[...byName.keys()]],
      );
      for (const row of found) this.accountIdsByName.set(row.name, row.id);
      const missing = [...byName.entries()].filter(([lower]) => !this.accountIdsByName.has(lower));
      if (missing.length === 0) return;
      const created = await db.query<{ id: number; name: string }>(
        'insert into accounts (name) select * from unnest($1::text[]) returning id, lower(name) as name',
        [missing.map(([, name]) => name)],
      );
      for (const row of created) this.accountIdsByName.set(row.name, row.id);
    }
  }

  /** Upserts the requesters of a batch by email; a known contact keeps its name and account. */
  async ensureContacts(db: Queryable, drafts: TicketDraft[]) {
    const wanted = new Map<string, { name: string | null; accountId: number | null }>();
    for (const draft of drafts) {
      if (draft.requesterEmail && !this.contactIds.has(draft.requesterEmail)) {
        wanted.set(draft.requesterEmail, { name: draft.requesterName, accountId: this.accountId(draft) });
      }
    }
    if (wanted.size === 0) return;

    const rows = await db.query<{ id: number; email: string }>(
      `insert into contacts (email, name, account_id) select * from unnest($1::text[], $2::text[], $3::bigint[])
       on conflict (lower(email)) where email is not null
       do update set name = coalesce(contacts.name, excluded.name), account_id = coalesce(contacts.account_id, excluded.account_id)
       returning id, lower(email) as email`,
      [[...wanted.keys()], [...wanted.values()].map((value) => value.name), [...wanted.values()].map((value) => value.accountId)],
    );
    for (const row of rows) this.contactIds.set(row.email, row.id);
  }
}
