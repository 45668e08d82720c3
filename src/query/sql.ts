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

  /** The placeholder of the query's time zone, bound once however often it is used. */
  zone(): string {
    this.timeZonePlaceholder ??= this.bind(this.timeZone);

    return this.timeZonePlaceholder;
  }

  /** The tickets alias followed by a column name that comes from the field registry. */
  column(name: string): string {
    return `${this.alias}.${name}`;
  }
}
