import { countInvalid } from './count-invalid.js';
import { countLabelMismatch } from './count-label-mismatch.js';
import { countConflict } from './count-conflict.js';
import { countIncidentTotal } from './count-incident-total.js';
import { countPartsExceedTotal } from './count-parts-exceed-total.js';
import { countReportTotal } from './count-report-total.js';
import { countPartTypeMismatch } from './count-part-type-mismatch.js';
import { countUnknownRef } from './count-unknown-ref.js';
import { countUnknownSource } from './count-unknown-source.js';
import { countRevisedDown } from './count-revised-down.js';
import { countUnknownGroup } from './count-unknown-group.js';
import { dateAfterPublication } from './date-after-publication.js';
import { dateInferred } from './date-inferred.js';
import { dateInvalid } from './date-invalid.js';
import { dateLabelMismatch } from './date-label-mismatch.js';
import { dateOutsideIncident } from './date-outside-incident.js';
import { dateRangeReversed } from './date-range-reversed.js';
import { dateUnresolved } from './date-unresolved.js';
import { dateWeekdayMismatch } from './date-weekday-mismatch.js';
import { gazetteerNotFound } from './gazetteer-not-found.js';
import { markupDuplicateAttribute } from './markup-duplicate-attribute.js';
import { markupDuplicateId } from './markup-duplicate-id.js';
import { markupInvalidFrontMatter } from './markup-invalid-front-matter.js';
import { markupInvalidValue } from './markup-invalid-value.js';
import { markupMissingAttribute } from './markup-missing-attribute.js';
import { markupMissingPublished } from './markup-missing-published.js';
import { markupNotChecked } from './markup-not-checked.js';
import { markupUnclosedBlock } from './markup-unclosed-block.js';
import { markupUnknownAttribute } from './markup-unknown-attribute.js';
import { markupUnknownDirective } from './markup-unknown-directive.js';
import {
  actorAmbiguous,
  actorUnknown,
  actorUnknownRef,
  placeAmbiguous,
  placeUnknown,
  placeUnknownRef,
} from './names.js';
import { actorAlias, placeAlias } from './name-alias.js';
import { placeHierarchyMismatch } from './place-hierarchy-mismatch.js';
import { placeOutsideIncident } from './place-outside-incident.js';
import type { Rule } from './rule.js';

/** Every rule, in the order docs/rules.md lists them. */
export const RULES: readonly Rule[] = [
  markupUnknownDirective,
  markupUnknownAttribute,
  markupInvalidValue,
  markupMissingAttribute,
  markupDuplicateAttribute,
  markupDuplicateId,
  markupInvalidFrontMatter,
  markupMissingPublished,
  markupNotChecked,
  markupUnclosedBlock,
  countInvalid,
  countLabelMismatch,
  countUnknownRef,
  countUnknownGroup,
  countPartTypeMismatch,
  countPartsExceedTotal,
  countUnknownSource,
  countConflict,
  countRevisedDown,
  countIncidentTotal,
  countReportTotal,
  dateInvalid,
  dateRangeReversed,
  dateAfterPublication,
  dateLabelMismatch,
  dateWeekdayMismatch,
  dateOutsideIncident,
  dateUnresolved,
  dateInferred,
  actorUnknown,
  actorAmbiguous,
  actorUnknownRef,
  placeUnknown,
  placeAmbiguous,
  placeUnknownRef,
  placeHierarchyMismatch,
  placeOutsideIncident,
  actorAlias,
  placeAlias,
  gazetteerNotFound,
];
