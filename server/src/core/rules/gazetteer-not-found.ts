import type { Rule } from './rule.js';

export const gazetteerNotFound: Rule = {
  code: 'gazetteer-not-found',
  scope: 'report',
  defaultSeverity: 'information',
  summary:
    'The report names actors or places but no gazetteer was found for it, so names are not checked; or a gazetteer listed in its front matter does not exist, or may not be read: a file outside the workspace in VS Code\'s Restricted Mode (a symbolic link counts where it leads), a FIFO, device or folder, or a file over the size limit.',
  quickFix:
    "None: which file was meant is not known, and a fix cannot create one.",
  examples: {
    fail: [
      {
        doc: '---\ngazetteer: ⟦extra-places.yaml⟧\n---\nShelling in :place[Idlib].',
        message: 'Gazetteer file "extra-places.yaml" was not found next to this report; check the path, which is relative to the report.',
      },
    ],
    pass: ['Shelling in :place[Idlib].'],
  },
  check({ report, gazetteer, missingGazetteers, flag }) {
    const first = report.annotations.find((annotation) => annotation.kind === 'actor' || annotation.kind === 'place');
    const firstName = first && (first.labelSpan ?? first.nameSpan);
    let teamUnread = false;
    for (const missing of missingGazetteers) {
      const message =
        missing.refusal === undefined
          ? `Gazetteer file "${missing.path}" was not found next to this report; check the path, which is relative to the report.`
          : `Gazetteer file "${missing.path}" was not read: ${missing.refusal}`;
      // A team gazetteer that exists but may not be read is named where the first name goes unchecked.
      if (missing.span) flag({ span: missing.span, message });
      else if (firstName) {
        teamUnread = true;
        flag({ span: firstName, message });
      }
    }
    if (gazetteer.files.length > 0 || !firstName || teamUnread) return;
    flag({
      span: firstName,
      message:
        'No gazetteer was found for this report, so actor and place names are not checked. Add gazetteer.yaml next to the report or in a folder above it, or set incidentMarkup.gazetteer.paths / --gazetteer.',
    });
  },
};
