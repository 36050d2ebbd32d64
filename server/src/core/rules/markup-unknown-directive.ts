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
  quickFix:
    "A misspelt name of ours is corrected to the nearest (preferred), and `::count[…]` loses its extra colon (preferred); any other directive gets a backslash before its colon, to keep it as text. None for an incident written inline or a count written as a block: where the incident ends, or what the count's label is, is the writer's to say.",
  examples: {
    fail: [
      {
        doc: 'At least :⟦cuont⟧[46]{type=killed} civilians were killed.',
        message: 'Unknown directive ":cuont"; did you mean ":count"?',
        fixes: [{ title: 'Change to "count"', preferred: true, result: 'At least :count[46]{type=killed} civilians were killed.' }],
      },
      {
        doc: 'See :⟦abbr⟧[SOHR]{title="Syrian Observatory"}.',
        message:
          'Unknown directive ":abbr"; Incident Markup reads :::incident, :count, :date, :actor and :place. If this is not markup, write "\\:" to keep the colon as text.',
        fixes: [{ title: 'Escape the colon to keep it as text', result: 'See \\:abbr[SOHR]{title="Syrian Observatory"}.' }],
      },
      {
        doc: '::⟦count⟧[46]{type=killed}',
        message: '":count" is written inline as :count[label]{…}, not as "::count".',
        fixes: [{ title: 'Change to ":count"', preferred: true, result: ':count[46]{type=killed}' }],
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
        // `::count[…]{…}` is one colon too many; an incident written inline, or a count as a block
        // around text, needs the writer to say where it ends or what its label is.
        const oneColon = form === 'textDirective' && directive.form === 'leafDirective';
        flag({
          span: directive.nameSpan,
          message: `":${directive.name}" is written ${form === 'textDirective' ? 'inline' : 'as a block'} as ${FORM_SYNTAX[form](directive.name)}, not as "${written}".`,
          fixes: oneColon ? [replaceFix(report, `Change to ":${directive.name}"`, { start: directive.span.start, end: directive.nameSpan.start }, ':', true)] : [],
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
