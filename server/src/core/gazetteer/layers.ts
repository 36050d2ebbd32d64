/**
 * The layers a Gazetteer is made of. File layers (the team's gazetteer files,
 * the report's front-matter ones) hold entry objects; table layers (built-in,
 * imports) hold columns and make entries on demand. Both answer through row
 * numbers, so resolution and search run the same code over either.
 */
import type { EntryCategory, GazetteerEntry, GazetteerProblem, LayerKind } from './gazetteerModel.js';
import { NameIndex, NameIndexBuilder, makeRef } from './nameIndex.js';
import { foldName } from './normalizeName.js';
import { KIND_WEIGHT, type PlaceTable } from './placeTable.js';
import type { GazetteerFile } from './readGazetteerFile.js';

export type Layer = FileLayer | TableLayer;

interface LayerBase {
  readonly kind: LayerKind;
  readonly source: string;
  onEntry: ((entry: GazetteerEntry, row: number) => void) | undefined;
}

export class FileLayer implements LayerBase {
  readonly source: string;
  onEntry: ((entry: GazetteerEntry, row: number) => void) | undefined;
  private readonly rows: Record<EntryCategory, GazetteerEntry[]> = { actor: [], place: [] };
  private readonly ids: Record<EntryCategory, Map<string, number>> = { actor: new Map(), place: new Map() };
  private readonly indexes: Record<EntryCategory, NameIndex>;

  /**
   * Ids must be unique across every gazetteer file loaded together, including
   * the layer below (`lower`): a later entry with a taken id is reported and left out.
   */
  constructor(
    readonly kind: 'team' | 'front-matter',
    files: readonly GazetteerFile[],
    problems: GazetteerProblem[],
    lower?: FileLayer,
  ) {
    this.source = files.map((file) => file.file).join(', ');
    for (const file of files) {
      for (const entry of file.entries) {
        const existing = this.get(entry.category, entry.id) ?? lower?.get(entry.category, entry.id);
        if (existing) {
          problems.push({
            code: 'gazetteer-duplicate-id',
            message: `The id "${entry.id}" is already used by "${existing.name}" (${existing.source.file === file.file ? 'earlier in this file' : existing.source.file}); ids must be unique across all gazetteer files.`,
            file: file.file,
            span: entry.source.fields?.id ?? entry.source.span,
          });
          continue;
        }
        this.ids[entry.category].set(entry.id, this.rows[entry.category].length);
        this.rows[entry.category].push(entry);
      }
    }
    this.indexes = { actor: buildIndex(this.rows.actor), place: buildIndex(this.rows.place) };
  }

  registerAll(): void {
    for (const category of ['actor', 'place'] as const) this.rows[category].forEach((entry, row) => this.onEntry?.(entry, row));
  }

  all(category: EntryCategory): readonly GazetteerEntry[] {
    return this.rows[category];
  }

  get(category: EntryCategory, id: string): GazetteerEntry | undefined {
    const row = this.ids[category].get(id);
    return row === undefined ? undefined : this.rows[category][row];
  }

  size(category: EntryCategory): number {
    return this.rows[category].length;
  }

  index(category: EntryCategory): NameIndex {
    return this.indexes[category];
  }

  entry(category: EntryCategory, row: number): GazetteerEntry {
    return this.rows[category][row]!;
  }

  rowOf(category: EntryCategory, id: string): number {
    return this.ids[category].get(id) ?? -1;
  }

  id(category: EntryCategory, row: number): string {
    return this.rows[category][row]!.id;
  }

  texts(category: EntryCategory, row: number): { name: string; aliases: readonly string[] } {
    return this.rows[category][row]!;
  }

  weight(category: EntryCategory, row: number): number {
    const kind = this.rows[category][row]!.kind;
    // The kind is the file's text: `kind: constructor` must not find Object.prototype's.
    return kind !== undefined && Object.hasOwn(KIND_WEIGHT, kind) ? KIND_WEIGHT[kind as keyof typeof KIND_WEIGHT] : 0;
  }

  kindOf(category: EntryCategory, row: number): string | undefined {
    return this.rows[category][row]!.kind;
  }

  /** The parent as a row of this layer, or its id when it lies in another layer. */
  parentRow(row: number): number | string | undefined {
    const parent = this.rows.place[row]?.parent;
    if (parent === undefined) return undefined;
    return this.ids.place.get(parent) ?? parent;
  }

  adminCode(): string | undefined {
    return undefined;
  }
}

function buildIndex(entries: readonly GazetteerEntry[]): NameIndex {
  if (entries.length === 0) return NameIndex.empty();
  const builder = new NameIndexBuilder();
  entries.forEach((entry, row) => {
    builder.add(foldName(entry.name), makeRef(row, true));
    for (const alias of entry.aliases) builder.add(foldName(alias), makeRef(row, false));
  });
  return builder.build();
}

/** Entries made from table rows are kept while in use; the cache is bounded so a long session cannot grow it without end. */
const ENTRY_CACHE_LIMIT = 20_000;

export class TableLayer implements LayerBase {
  onEntry: ((entry: GazetteerEntry, row: number) => void) | undefined;
  private readonly cache = new Map<number, GazetteerEntry>();
  private readonly noActors = NameIndex.empty();

  constructor(
    readonly kind: 'built-in' | 'import',
    readonly table: PlaceTable,
    readonly source: string,
  ) {}

  size(category: EntryCategory): number {
    return category === 'place' ? this.table.size : 0;
  }

  index(category: EntryCategory): NameIndex {
    return category === 'place' ? this.table.names : this.noActors;
  }

  entry(_category: EntryCategory, row: number): GazetteerEntry {
    const cached = this.cache.get(row);
    if (cached) return cached;
    if (this.cache.size >= ENTRY_CACHE_LIMIT) this.cache.clear();
    const { id, name, aliases } = this.table.row(row);
    const entry: GazetteerEntry = {
      category: 'place',
      id,
      name,
      aliases,
      kind: this.table.kind(row),
      parent: this.table.parentId(row),
      coordinates: this.table.coordinates(row),
      geonames: this.table.geonameId(row),
      population: this.table.population(row),
      wikidata: undefined,
      members: [],
      note: undefined,
      source: { file: this.source, span: undefined, layer: this.kind },
    };
    this.cache.set(row, entry);
    this.onEntry?.(entry, row);
    return entry;
  }

  rowOf(category: EntryCategory, id: string): number {
    return category === 'place' ? this.table.rowOfId(id) : -1;
  }

  id(_category: EntryCategory, row: number): string {
    return this.table.id(row);
  }

  texts(_category: EntryCategory, row: number): { name: string; aliases: readonly string[] } {
    // Without the id, which a built-in row derives from its area's (a resolution reads up to 200 rows' texts).
    return this.table.nameAndAliases(row);
  }

  weight(_category: EntryCategory, row: number): number {
    return this.table.weights[row]!;
  }

  kindOf(_category: EntryCategory, row: number): string {
    return this.table.kind(row);
  }

  parentRow(row: number): number | string | undefined {
    return this.table.parent(row);
  }

  adminCode(row: number): string | undefined {
    return this.table.adminCodeOfRow.get(row);
  }
}
