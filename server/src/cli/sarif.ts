import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { docsUrl, type Severity } from '../core/diagnostics.js';
import { GAZETTEER_PROBLEM_SEVERITY, type GazetteerProblemCode } from '../core/gazetteer/gazetteerModel.js';
import { RULES } from '../core/rules/index.js';
import type { CliDiagnostic } from './formatters.js';

const INFORMATION_URI = 'https://github.com/incident-markup/incident-markup';

/** SARIF has no "information" or "hint" level; both are notes, the level meant for them. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** Gazetteer problems have no rule module; they are described here for code-scanning tools. */
const GAZETTEER_DESCRIPTIONS: Record<GazetteerProblemCode, string> = {
  'gazetteer-syntax': 'A gazetteer file is not valid YAML or JSON.',
  'gazetteer-duplicate-id': 'Two entries of the gazetteer have the same id.',
  'gazetteer-unknown-parent': 'A place names a parent that the gazetteer does not have.',
  'gazetteer-invalid-entry': 'A gazetteer entry is not an actor or place the gazetteer can use.',
  'gazetteer-invalid-coordinates': 'A place\'s coordinates are not a latitude and longitude.',
  'gazetteer-alias-conflict': 'One alias names two entries of the gazetteer.',
  'gazetteer-cycle': 'Places are each other\'s parents.',
  'gazetteer-too-deep': 'A place lies more in: levels deep than containment follows.',
  'gazetteer-import-failed': 'A GeoNames import the gazetteer names could not be read.',
  'gazetteer-not-found': 'A gazetteer file the report or the configuration names does not exist.',
};

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  helpUri: string;
}

/** Every code the CLI can report, each once: the report rules, then the gazetteer problems. */
function sarifRules(): SarifRule[] {
  const rules = new Map<string, SarifRule>();
  const add = (id: string, text: string, severity: Severity) => {
    if (!rules.has(id)) rules.set(id, { id, shortDescription: { text }, defaultConfiguration: { level: LEVEL[severity] }, helpUri: docsUrl(id) });
  };
  for (const rule of RULES) add(rule.code, rule.summary, rule.defaultSeverity);
  for (const [code, severity] of Object.entries(GAZETTEER_PROBLEM_SEVERITY)) add(code, GAZETTEER_DESCRIPTIONS[code as GazetteerProblemCode], severity);
  return [...rules.values()];
}

/**
 * SARIF 2.1.0, which code-scanning services read: paths relative to %SRCROOT% (the working
 * folder), so that the service maps them onto the repository's files.
 */
export function formatSarif(diagnostics: readonly CliDiagnostic[], version: string): string {
  const rules = sarifRules();
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'incident-markup', version, informationUri: INFORMATION_URI, rules } },
        columnKind: 'utf16CodeUnits',
        results: diagnostics.map((diagnostic) => ({
          ruleId: diagnostic.code,
          ...(ruleIndex.has(diagnostic.code) ? { ruleIndex: ruleIndex.get(diagnostic.code) } : {}),
          level: LEVEL[diagnostic.severity],
          message: { text: diagnostic.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(diagnostic.file),
                region: { startLine: diagnostic.line, startColumn: diagnostic.column, endLine: diagnostic.endLine, endColumn: diagnostic.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A file inside the working folder relative to %SRCROOT%; one outside it (shown absolute) as a file: URI. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  return isAbsolute(file) ? { uri: pathToFileURL(file).href } : { uri: encodeURI(file), uriBaseId: '%SRCROOT%' };
}
