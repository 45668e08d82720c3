import { queryError } from './errors.ts';
import { messages } from './messages.ts';

/**
 * Collects the parameters of one compiled query. Every user-supplied value
 * goes through bind(), which returns its $n placeholder; user text never
 * reaches the SQL string itself.
 */
export class SqlBuilder {
  readonly params: unknown[] = [];
  private timeZonePlaceholder?: string;

  constructor(
    readonly alias: string,
    private readonly firstParam: number,
    readonly timeZone: string,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw queryError(messages.badAlias(alias), alias, 'ticketAlias');
  }

  bind(value: unknown): string {
    this.params.push(value);

    return `$${this.firstParam + this.params.length - 1}`;
  }

  /** Returns the placeholder of the query's time zone, binding it on first use only. */
  zone(): string {
    this.timeZonePlaceholder ??= this.bind(this.timeZone);

    return this.timeZonePlaceholder;
  }

  /** Qualifies a column name from the field registry with the tickets alias. */
  column(name: string): string {
    return `${this.alias}.${name}`;
  }
}
