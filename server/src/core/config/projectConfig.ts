import { dirname, join, resolve } from 'node:path';
import { distance } from 'fastest-levenshtein';
import { isMap, isScalar, parseDocument, type Node as YamlNode } from 'yaml';
import { SEVERITIES } from '../diagnostics.js';
import { RULES } from '../rules/index.js';
import type { RuleSetting } from '../runRules.js';
import { LineIndex, type Range, type Span } from '../text.js';
import type { FileSystem, ReadFailure } from '../workspace/fileSystem.js';
import { YAML_MAX_NESTING, yamlNestingProblem } from '../yamlLimits.js';

/**
 * The team's configuration, `.incident-markup.yaml` at the repository root,
 * read by the CLI and the language server alike so that CI and the editor
 * agree:
 *
 *     rules:
 *       place-alias: off
 *       actor-unknown: error
 *
 * The file is the base; the editor's `incidentMarkup.rules` setting (user or
 * workspace) overrides it code by code, for a writer's own view. A problem in
 * the file never stops the checks: a bad entry is reported and skipped.
 */

export const PROJECT_CONFIG_FILE = '.incident-markup.yaml';

export const RULE_SETTINGS: readonly RuleSetting[] = ['off', ...[...SEVERITIES].reverse()];

export interface ConfigProblem {
  /** `error` when the team's intent cannot be applied (bad YAML, a bad severity); `warning` for what is ignored. */
  severity: 'error' | 'warning';
  message: string;
  span: Span;
  range: Range;
}

export interface ProjectConfig {
  path: string;
  /** Severity per code, only for valid entries. */
  rules: Record<string, RuleSetting>;
  problems: ConfigProblem[];
}

/**
 * The nearest `.incident-markup.yaml` in `startFolder` or a folder above it, with its text; or,
 * when the nearest one exists but may not be read, the reason.
 */
export async function findProjectConfig(
  startFolder: string,
  fileSystem: FileSystem,
): Promise<{ path: string; text: string; failure?: undefined } | { path: string; text?: undefined; failure: ReadFailure } | undefined> {
  let folder = resolve(startFolder);
  for (;;) {
    const path = join(folder, PROJECT_CONFIG_FILE);
    const { text, failure } = await fileSystem.read(path, 'config');
    if (text !== undefined) return { path, text };
    if (failure.reason !== 'missing') return { path, failure };
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/** Reads the configuration; every problem carries the span of what it is about. */
export function readProjectConfig(path: string, text: string, knownCodes: readonly string[] = RULES.map((rule) => rule.code)): ProjectConfig {
  const lines = new LineIndex(text);
  // No prototype: the codes are the team's text, and a lookup by code must find only what the file says.
  const config: ProjectConfig = { path, rules: Object.create(null) as Record<string, RuleSetting>, problems: [] };
  const problem = (severity: ConfigProblem['severity'], message: string, span: Span) =>
    config.problems.push({ severity, message, span, range: lines.rangeOf(span) });
  const spanOf = (node: YamlNode | null | undefined): Span => {
    if (!node?.range) return { start: 0, end: 0 };
    let end = Math.max(node.range[1], node.range[0]);
    // A block node's range runs on to the next line; the problem is the node itself.
    while (end > node.range[0] && /\s/.test(text.charAt(end - 1))) end--;
    return { start: node.range[0], end };
  };

  // Before the yaml package sees it: nesting a thousand deep aborts the process (yamlLimits.ts).
  const nesting = yamlNestingProblem(text);
  if (nesting !== undefined) {
    problem('error', `${PROJECT_CONFIG_FILE} ${nesting.message}, and it is read up to ${YAML_MAX_NESTING} levels: flatten it.`, {
      start: nesting.offset,
      end: nesting.offset + 1,
    });
    return config;
  }
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  for (const error of doc.errors) {
    problem('error', `${PROJECT_CONFIG_FILE} is not valid YAML: ${error.message.split('\n')[0]}.`, {
      start: error.pos[0],
      end: Math.max(error.pos[1], error.pos[0] + 1),
    });
  }
  if (doc.errors.length > 0 || doc.contents === null) return config;
  if (!isMap(doc.contents)) {
    problem('error', `${PROJECT_CONFIG_FILE} must be a mapping with a \`rules:\` section, e.g. rules: {place-alias: off}.`, spanOf(doc.contents));
    return config;
  }

  for (const item of doc.contents.items) {
    const key = isScalar(item.key) ? String(item.key.value) : undefined;
    const keySpan = spanOf(item.key as YamlNode);
    if (key !== 'rules') {
      const close = key !== undefined && distance(key.toLowerCase(), 'rules') <= 2;
      problem('warning', `Unknown setting "${key ?? ''}"${close ? '; did you mean "rules"?' : '.'} ${PROJECT_CONFIG_FILE} has only \`rules:\`; this is ignored.`, keySpan);
      continue;
    }
    const rules = item.value as YamlNode | null;
    if (rules === null || (isScalar(rules) && rules.value === null)) continue;
    if (!isMap(rules)) {
      problem('error', '`rules` must map diagnostic codes to off, hint, information, warning or error, e.g. place-alias: off.', spanOf(rules));
      continue;
    }
    for (const entry of rules.items) {
      const code = isScalar(entry.key) ? String(entry.key.value) : '';
      const codeSpan = spanOf(entry.key as YamlNode);
      if (!knownCodes.includes(code)) {
        const suggestion = nearestCode(code, knownCodes);
        problem(
          'warning',
          `Unknown diagnostic code "${code}"${suggestion ? `; did you mean "${suggestion}"?` : ''} It is ignored (the codes are listed in docs/rules.md).`,
          codeSpan,
        );
        continue;
      }
      const value = entry.value as YamlNode | null;
      // YAML 1.1 readers turn `off` into false; accept that spelling too.
      const setting = isScalar(value) ? (value.value === false ? 'off' : String(value.value)) : undefined;
      if (setting === undefined || !(RULE_SETTINGS as readonly string[]).includes(setting)) {
        const written = isScalar(value) ? String(value.value) : value ? text.slice(spanOf(value).start, spanOf(value).end) : '';
        const suggestion = setting ? RULE_SETTINGS.find((candidate) => distance(setting.toLowerCase(), candidate) <= 2) : undefined;
        problem(
          'error',
          `"${written}" is not a severity for ${code}; use off, hint, information, warning or error${suggestion ? ` (did you mean "${suggestion}"?)` : ''}.`,
          value?.range ? spanOf(value) : codeSpan,
        );
        continue;
      }
      config.rules[code] = setting as RuleSetting;
    }
  }
  return config;
}

/** Finds and reads the configuration that applies to files in `startFolder`. */
export async function loadProjectConfig(startFolder: string, fileSystem: FileSystem, knownCodes?: readonly string[]): Promise<ProjectConfig | undefined> {
  const found = await findProjectConfig(startFolder, fileSystem);
  if (!found) return undefined;
  if (found.text !== undefined) return readProjectConfig(found.path, found.text, knownCodes);
  // The checks run with the default severities. Refused in Restricted Mode is what the writer
  // chose by not trusting the workspace (a warning); a FIFO or an oversized file is a mistake.
  const severity = found.failure.reason === 'refused' ? 'warning' : 'error';
  const message = `${PROJECT_CONFIG_FILE} was not read, so the default severities apply: ${found.failure.message}`;
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { path: found.path, rules: {}, problems: [{ severity, message, span: { start: 0, end: 0 }, range }] };
}

/**
 * Finds each folder's configuration once. The server calls `invalidate` when
 * any `.incident-markup.yaml` is created, changed or deleted.
 */
export class ProjectConfigStore {
  private readonly byFolder = new Map<string, Promise<ProjectConfig | undefined>>();

  constructor(
    private readonly fileSystem: FileSystem,
    private readonly knownCodes?: readonly string[],
  ) {}

  /** The configuration for a report file (undefined path: an unsaved document, which has none). */
  forDocument(documentPath: string | undefined): Promise<ProjectConfig | undefined> {
    if (documentPath === undefined) return Promise.resolve(undefined);
    const folder = dirname(resolve(documentPath));
    let config = this.byFolder.get(folder);
    if (!config) {
      config = loadProjectConfig(folder, this.fileSystem, this.knownCodes);
      this.byFolder.set(folder, config);
    }
    return config;
  }

  /** A configuration named explicitly (the CLI's `--config`), used instead of the nearest one. */
  forFile(path: string): Promise<ProjectConfig | undefined> {
    const key = `file:${resolve(path)}`;
    let config = this.byFolder.get(key);
    if (!config) {
      config = this.fileSystem.read(resolve(path), 'config').then(({ text, failure }) => {
        if (text !== undefined) return readProjectConfig(resolve(path), text, this.knownCodes);
        const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        return { path: resolve(path), rules: {}, problems: [{ severity: 'error', message: `${PROJECT_CONFIG_FILE} was not read: ${failure.message}`, span: { start: 0, end: 0 }, range }] };
      });
      this.byFolder.set(key, config);
    }
    return config;
  }

  invalidate(): void {
    this.byFolder.clear();
  }
}

/**
 * The rule settings in force: the team file first, then each override in
 * order (the editor's user and workspace `incidentMarkup.rules`), code by code.
 */
export function mergeRuleSettings(...layers: (Readonly<Record<string, RuleSetting>> | undefined)[]): Record<string, RuleSetting> {
  // Without a prototype, and copied entry by entry: Object.assign onto `{}` would take a code
  // `__proto__` as the prototype, and a lookup of `constructor` would find Object's.
  const merged = Object.create(null) as Record<string, RuleSetting>;
  for (const layer of layers) for (const [code, setting] of Object.entries(layer ?? {})) merged[code] = setting;
  return merged;
}

function nearestCode(code: string, codes: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const bound = Math.max(2, Math.floor(code.length / 5));
  for (const candidate of codes) {
    const score = distance(code.toLowerCase(), candidate);
    if (score < bestScore && score <= bound) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
