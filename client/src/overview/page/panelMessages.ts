import type { OverviewModel } from './overviewData.js';

/** Messages from the extension to the panel's page. */
export type ToPanel =
  /** A newer model (the report was edited, or the panel opened). */
  | { type: 'model'; model: OverviewModel }
  /** The editor's cursor moved into an incident (its key), or out of every incident (null). */
  | { type: 'select'; key: string | null };

/** Messages from the panel's page to the extension. */
export type FromPanel =
  /** The page is listening: send it the model. */
  | { type: 'ready' }
  /** The reader chose the incident (a mark, a bar, a row): show it in the editor. */
  | { type: 'reveal'; key: string }
  /** The page drew a model: what it drew, for the e2e tests (the extension host cannot read a webview). */
  | { type: 'rendered'; drawn: { mapMarks: number; unlocated: number; timelineMarks: number; rows: number } };
