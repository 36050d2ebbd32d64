import { docsUrl, type ReportDiagnostic, type Severity } from './diagnostics.js';
import type { Gazetteer } from './gazetteer/gazetteer.js';
import type { Report } from './model.js';
import { RULES } from './rules/index.js';
import type { Finding, Rule } from './rules/rule.js';
import type { Span } from './text.js';

export type RuleSetting = Severity | 'off';

export interface RuleRunOptions {
  /** Severity overrides by code; `off` silences a rule. */
  rules?: Readonly<Record<string, RuleSetting>>;
  missingGazetteers?: { path: string; span: Span }[];
  teamGazetteer?: { path: string; text: string } | undefined;
}

/** Runs every enabled rule over a parsed report. A rule that throws is reported, never fatal. */
export function runRules(report: Report, gazetteer: Gazetteer, options: RuleRunOptions = {}, rules: readonly Rule[] = RULES): ReportDiagnostic[] {
  const diagnostics: ReportDiagnostic[] = [];
  for (const rule of rules) {
    const setting = options.rules?.[rule.code] ?? rule.defaultSeverity;
    if (setting === 'off') continue;
    const flag = (finding: Finding) =>
      diagnostics.push({
        code: rule.code,
        severity: setting,
        message: finding.message,
        span: finding.span,
        range: report.lines.rangeOf(finding.span),
        fixes: finding.fixes ?? [],
        related: (finding.related ?? []).map((related) => ({ message: related.message, range: report.lines.rangeOf(related.span) })),
      });
    try {
      rule.check({ report, gazetteer, missingGazetteers: options.missingGazetteers ?? [], teamGazetteer: options.teamGazetteer, flag });
    } catch (error) {
      diagnostics.push({
        code: 'internal-error',
        severity: 'error',
        message: `The check ${rule.code} failed on this report (${error instanceof Error ? error.message : String(error)}). Please report this bug with the report attached.`,
        span: { start: 0, end: 0 },
        range: report.lines.rangeOf({ start: 0, end: 0 }),
        fixes: [],
        related: [],
      });
    }
  }
  return diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
}

export { docsUrl };
