import { KeySubset } from './keySubset.js';
import type { NameIndex } from './nameIndex.js';
import type { PlaceTable } from './placeTable.js';

/** Not looked up yet. */
const UNKNOWN = 0;
/** In no country: no parent, or a chain that ends outside any. */
const NONE = 1;

/**
 * The country of each row of one bulk layer, as a small number per row (one byte, two once a
 * layer has more than 254 countries), filled in as rows are asked for, every row of a parent
 * chain at once.
 *
 * Why: search ranks places by the report's countries, so it asks the country of every row whose
 * name starts with what the writer typed: two letters match tens of thousands of rows of a
 * million-line import. A Map of them (capped at 100,000 and cleared) was looked up and refilled
 * on every keystroke, and completion in the 1 MiB bench report took 100 ms at p95 in process; a
 * typed array read is a few nanoseconds, and the 1.3 million rows of the bench's layers cost 1.3 MB.
 */
export class RowCountries {
  private byRow: Uint8Array | Uint16Array;
  /** ISO 3166 code by number; 0 and 1 are UNKNOWN and NONE. */
  private readonly codes: (string | undefined)[] = [undefined, undefined];
  private readonly numbers = new Map<string, number>();
  private readonly outside = new Map<string, number>();
  /** By country number: the table's name keys of that country's rows, in key order. */
  private readonly keyLists = new Map<number, KeySubset>();

  /** `countryOfOutside`: the country of a parent id outside the table (a place of another layer). */
  constructor(
    private readonly table: PlaceTable,
    private readonly countryOfOutside: (id: string) => string | undefined,
  ) {
    this.byRow = new Uint8Array(table.size);
  }

  /** The ISO 3166 code of the country the row lies in (the row itself, for a country). */
  codeOf(row: number): string | undefined {
    return this.codes[this.numberOf(row)];
  }

  /** The same number for rows of the same country: compare these in a loop over many rows. */
  numberOf(row: number): number {
    const known = this.byRow[row]!;
    if (known !== UNKNOWN) return known;
    const table = this.table;
    const chain: number[] = [];
    let number = NONE;
    let current = row;
    // At most 16 steps up, as a corrupt chain may loop.
    for (let steps = 0; steps < 16; steps++) {
      const seen = this.byRow[current]!;
      if (seen !== UNKNOWN) {
        number = seen;
        break;
      }
      chain.push(current);
      if (table.kind(current) === 'country') {
        number = this.numberOfCode(table.adminCodeOfRow.get(current) ?? /^geo:([A-Z]{2})$/.exec(table.id(current))?.[1]);
        break;
      }
      const parent = table.parent(current);
      if (parent === undefined) break;
      if (typeof parent === 'string') {
        number = this.numberOfOutside(parent);
        break;
      }
      current = parent;
    }
    for (const member of chain) this.byRow[member] = number;
    return number;
  }

  /**
   * The indexes of the keys in `names` (the table's name index) of rows in this country, ascending:
   * search reads the names in the report's countries that start with the query from these, not
   * from every name that does. Made once per country, in one pass over the index.
   */
  keysOfCountry(number: number, names: NameIndex): KeySubset {
    let list = this.keyLists.get(number);
    if (!list) {
      const { refs } = names;
      const found: number[] = [];
      for (let keyIndex = 0; keyIndex < refs.length; keyIndex++) {
        if (this.numberOf(refs[keyIndex]! >>> 1) === number) found.push(keyIndex);
      }
      this.keyLists.set(number, (list = new KeySubset(Uint32Array.from(found), names, this.table.weights)));
    }
    return list;
  }

  /** The number rows of this country get (NONE for no code). */
  numberOfCode(code: string | undefined): number {
    if (code === undefined) return NONE;
    let number = this.numbers.get(code);
    if (number === undefined) {
      number = this.codes.length;
      this.codes.push(code);
      this.numbers.set(code, number);
      if (number > 255 && this.byRow instanceof Uint8Array) this.byRow = Uint16Array.from(this.byRow);
    }
    return number;
  }

  private numberOfOutside(id: string): number {
    let number = this.outside.get(id);
    if (number === undefined) {
      number = this.numberOfCode(this.countryOfOutside(id));
      this.outside.set(id, number);
    }
    return number;
  }
}
