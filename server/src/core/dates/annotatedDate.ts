import type { Annotation, Report } from '../model.js';
import { parseIsoDate, type DateInterval } from './isoDate.js';
import { readDateLabel } from './readDateLabel.js';
import { resolveDateLabel, type DateAnchors, type ResolvedDate } from './resolveDateLabel.js';

/**
 * What a `:date` stands for, as the date rules read it (`rules/dateValues.ts`): its `value` when it
 * has one; else its label placed on the calendar, the year, week or day taken from `published` and
 * the incident's date.
 */
export type AnnotatedDate =
  | { from: 'value'; interval: DateInterval }
  /** No `value`: the label read. This is what `date-inferred` flags and an inlay hint shows. */
  | { from: 'label'; date: ResolvedDate }
  /** A `value` that is no ISO date, or no value and a label that names no day that can be placed. */
  | { from: 'nothing' };

/** Language features read this so that what they show agrees with the date rules, which they may not import. */
export function annotatedDate(report: Report, annotation: Annotation): AnnotatedDate {
  const value = annotation.attributes.get('value');
  if (value) {
    const parsed = parseIsoDate(value.value);
    return parsed.ok ? { from: 'value', interval: parsed.interval } : { from: 'nothing' };
  }
  const reading = readDateLabel(annotation.label.trim());
  if (!reading) return { from: 'nothing' };
  const resolution = resolveDateLabel(reading, dateAnchors(report, annotation));
  return resolution.ok ? { from: 'label', date: resolution.date } : { from: 'nothing' };
}

function dateAnchors(report: Report, annotation: Annotation): DateAnchors {
  const anchors: DateAnchors = {};
  const published = report.frontMatter?.published;
  const publishedDate = published ? parseIsoDate(published.value) : undefined;
  if (publishedDate?.ok) anchors.published = publishedDate.interval;
  const incident = annotation.incident?.attributes.get('date');
  const incidentDate = incident ? parseIsoDate(incident.value) : undefined;
  if (incidentDate?.ok) anchors.incident = incidentDate.interval;
  return anchors;
}
