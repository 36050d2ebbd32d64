import type { Report } from '../model.js';
import { parseFull } from './incrementalParse.js';

/** Parses a report once into the typed model that every feature reads. */
export function parseReport(text: string): Report {
  return parseFull(text).report;
}
