import type { AddressBar } from './address-bar.js';
import { changedQueryKeys, samePlace, type Place, type QueryValue, type RouteTable } from './route-table.js';

export interface NavigateOptions {
  /** Replace the current history entry instead of adding one. */
  readonly replace?: boolean;
}

/** A query change: a value sets a key, undefined or '' or [] removes it. */
export type QueryPatch = Readonly<Record<string, QueryValue | undefined>>;

/**
 * The place the app shows, kept in the address. Going somewhere adds a history entry, so Back and Forward
 * move through views, streams, events, positions and filters; reloading the page or pasting its address
 * comes back to the same place.
 *
 * One rule keeps history useful: a navigation that changes only one query key, the same key the navigation
 * before it changed (typing into a filter, dragging a scrubber, arrowing through events), replaces the entry
 * instead of adding one. Back then goes to where the user was before they started, not through every key
 * they pressed.
 *
 * The router knows no view: views list their routes in their `ViewDefinition` and the table is made from
 * those (renderer/src/views/index.ts).
 */
export class Router {
  place = $state.raw<Place>({ route: '', params: {}, query: {} });

  readonly #table: RouteTable;
  readonly #bar: AddressBar;
  readonly #fallback: Place;
  /** The single query key the last navigation changed, while consecutive changes of it coalesce. */
  #coalescing: string | null = null;

  /** `fallback` is where an empty or unknown address goes (the folder's overview). */
  constructor(table: RouteTable, bar: AddressBar, fallback: Place) {
    this.#table = table;
    this.#bar = bar;
    this.#fallback = table.normalise(fallback);
    this.place = this.#read();
    // An unknown or unnormalised address is rewritten in place, so that Back does not return to it.
    if (this.#bar.hash !== this.#table.hash(this.place)) this.#bar.replace(this.#table.hash(this.place));
  }

  /** Follows Back, Forward and addresses typed by hand; returns the stop. */
  start(): () => void {
    return this.#bar.listen(() => {
      this.#coalescing = null;
      const place = this.#read();
      if (!samePlace(place, this.place)) this.place = place;
    });
  }

  /** Goes to a place (see the class comment for when it replaces the current entry). */
  navigate(place: Place, options: NavigateOptions = {}): void {
    const next = this.#table.normalise(place);
    if (samePlace(next, this.place)) return;
    const changed = changedQueryKeys(this.place, next);
    const single = changed?.length === 1 ? changed[0]! : null;
    const replace = options.replace === true || (single !== null && single === this.#coalescing);
    this.#coalescing = single;
    this.place = next;
    const hash = this.#table.hash(next);
    if (replace) this.#bar.replace(hash);
    else this.#bar.push(hash);
  }

  /** Changes some query keys of the current place. */
  setQuery(patch: QueryPatch, options: NavigateOptions = {}): void {
    const query: Record<string, QueryValue> = { ...this.place.query };
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) delete query[key];
      else query[key] = value;
    }
    this.navigate({ ...this.place, query }, options);
  }

  /** The address of a place, for links (`href`) and for copying. */
  href(place: Place): string {
    return this.#table.hash(this.#table.normalise(place));
  }

  back(): void {
    this.#bar.back();
  }

  forward(): void {
    this.#bar.forward();
  }

  #read(): Place {
    const place = this.#table.match(this.#bar.hash);
    return place === null ? this.#fallback : this.#table.normalise(place);
  }
}
