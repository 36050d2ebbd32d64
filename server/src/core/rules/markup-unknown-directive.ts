import { DIRECTIVE_FORM, DIRECTIVE_NAMES, isDirectiveName } from '../vocabulary.js';
import type { Rule } from './rule.js';
import { nearest, replaceFix } from './ruleHelpers.js';

const FORM_SYNTAX = {
  containerDirective: (name: string) => `:::${name}{…} … :::`,
  textDirective: (name: string) => `:${name}[label]{…}`,
};

export const markupUnknownDirective: Rule = {
  code: 'markup-unknown-directive',
  scope: 'block',
  defaultSeverity: 'warning',
  summary:
    'A directive with a label or attributes whose name is not one of ours (incident, count, date, actor, place), or one of ours written in the wrong form.',
  examples: {
    fail: [
      {
        doc: 'At least :⟦cuont⟧[46]{type=killed} civilians were killed.',
        message: 'Unknown directive ":cuont"; did you mean ":count"?',
      },
      {
        doc: 'See :⟦abbr⟧[SOHR]{title="Syrian Observatory"}.',
        message:
          'Unknown directive ":abbr"; Incident Markup reads :::incident, :count, :date, :actor and :place. If this is not markup, write "\\:" to keep the colon as text.',
      },
      {
        doc: '::⟦count⟧[46]{type=killed}',
        message: '":count" is written inline as :count[label]{…}, not as "::count".',
      },
    ],
    pass: [
      'At least :count[46]{type=killed} civilians were killed at 10:30 :smile: on a word:word basis.',
      'Ratio 3:1, see `:abbr[x]{y=z}` in code.',
    ],
  },
  check({ report, flag }) {
    for (const directive of report.foreignDirectives) {
      const colons = directive.nameSpan.start - directive.span.start;
      const written = `${':'.repeat(colons)}${directive.name}`;
      if (directive.misusedName && isDirectiveName(directive.name)) {
        const form = DIRECTIVE_FORM[directive.name];
        flag({
          span: directive.nameSpan,
          message: `":${directive.name}" is written ${form === 'textDirective' ? 'inline' : 'as a block'} as ${FORM_SYNTAX[form](directive.name)}, not as "${written}".`,
        });
        continue;
      }
      const suggestion = nearest(directive.name, DIRECTIVE_NAMES);
      if (suggestion) {
        flag({
          span: directive.nameSpan,
          message: `Unknown directive "${written}"; did you mean "${':'.repeat(colons)}${suggestion}"?`,
          fixes: [replaceFix(report, `Change to "${suggestion}"`, directive.nameSpan, suggestion, true)],
        });
      } else {
        flag({
          span: directive.nameSpan,
          message: `Unknown directive "${written}"; Incident Markup reads :::incident, :count, :date, :actor and :place. If this is not markup, write "\\:" to keep the colon as text.`,
          fixes: [
            replaceFix(report, 'Escape the colon to keep it as text', { start: directive.span.start, end: directive.span.start }, '\\'),
          ],
        });
      }
    }
  },
};
