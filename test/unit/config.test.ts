import { describe, expect, it } from 'vitest';
import {
  findProjectConfig,
  loadProjectConfig,
  mergeRuleSettings,
  ProjectConfigStore,
  readProjectConfig,
} from '../../server/src/core/config/projectConfig.js';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { parseReport } from '../../server/src/core/parse/parseReport.js';
import { runRules } from '../../server/src/core/runRules.js';
import { stripMarkers } from '../helpers/markers.js';
import { MemoryFileSystem } from '../helpers/memoryFileSystem.js';

/** Reads a marked config and returns its problems with the text each one points at. */
function problems(marked: string) {
  const { text, spans } = stripMarkers(marked);
  const config = readProjectConfig('/repo/.incident-markup.yaml', text);
  expect(config.problems.map((problem) => problem.span)).toEqual(spans);
  return { rules: config.rules, problems: config.problems.map((problem) => [problem.severity, problem.message]) };
}

describe('.incident-markup.yaml', () => {
  it('reads a severity per code, off included (also as YAML 1.1 false)', () => {
    expect(problems('rules:\n  place-alias: off\n  actor-unknown: error\n  date-inferred: false\n  count-conflict: "information"\n')).toEqual({
      rules: { 'place-alias': 'off', 'actor-unknown': 'error', 'date-inferred': 'off', 'count-conflict': 'information' },
      problems: [],
    });
  });

  it('reports an unknown code with the nearest one, and skips it', () => {
    expect(problems('rules:\n  ⟦actor-unknwn⟧: error\n  ⟦no-such-rule⟧: off\n  place-alias: hint\n')).toEqual({
      rules: { 'place-alias': 'hint' },
      problems: [
        ['warning', 'Unknown diagnostic code "actor-unknwn"; did you mean "actor-unknown"? It is ignored (the codes are listed in docs/rules.md).'],
        ['warning', 'Unknown diagnostic code "no-such-rule" It is ignored (the codes are listed in docs/rules.md).'],
      ],
    });
  });

  it('reports a severity that is not one, at the value', () => {
    expect(problems('rules:\n  actor-unknown: ⟦eror⟧\n  place-alias: ⟦[off]⟧\n')).toEqual({
      rules: {},
      problems: [
        ['error', '"eror" is not a severity for actor-unknown; use off, hint, information, warning or error (did you mean "error"?).'],
        ['error', '"[off]" is not a severity for place-alias; use off, hint, information, warning or error.'],
      ],
    });
  });

  it('reports YAML and shape problems', () => {
    const broken = readProjectConfig('/r/.incident-markup.yaml', 'rules: [\n');
    expect(broken.problems.map((problem) => [problem.severity, problem.message.startsWith('.incident-markup.yaml is not valid YAML: ')])).toContainEqual(['error', true]);
    expect(problems('⟦- rules⟧\n').problems).toEqual([
      ['error', '.incident-markup.yaml must be a mapping with a `rules:` section, e.g. rules: {place-alias: off}.'],
    ]);
    expect(problems('⟦rule⟧:\n  place-alias: off\n').problems).toEqual([
      ['warning', 'Unknown setting "rule"; did you mean "rules"? .incident-markup.yaml has only `rules:`; this is ignored.'],
    ]);
    expect(problems('rules: ⟦off⟧\n').problems).toEqual([
      ['error', '`rules` must map diagnostic codes to off, hint, information, warning or error, e.g. place-alias: off.'],
    ]);
    expect(problems('').rules).toEqual({});
    expect(problems('rules:\n').rules).toEqual({});
  });

  it('gives LSP ranges for the editor', () => {
    const config = readProjectConfig('/r/.incident-markup.yaml', 'rules:\n  actor-unknown: loud\n');
    expect(config.problems[0]!.range).toEqual({ start: { line: 1, character: 17 }, end: { line: 1, character: 21 } });
  });

  it('is found in the nearest folder upward', async () => {
    const fileSystem = new MemoryFileSystem({
      '/repo/.incident-markup.yaml': 'rules:\n  place-alias: off\n',
      '/repo/sub/.incident-markup.yaml': 'rules:\n  place-alias: hint\n',
    });
    expect((await findProjectConfig('/repo/reports/2023', fileSystem))?.path).toBe('/repo/.incident-markup.yaml');
    expect((await findProjectConfig('/repo/sub/deeper', fileSystem))?.path).toBe('/repo/sub/.incident-markup.yaml');
    expect(await findProjectConfig('/elsewhere', fileSystem)).toBeUndefined();
    expect((await loadProjectConfig('/repo', fileSystem))?.rules).toEqual({ 'place-alias': 'off' });
  });

  it('is cached per folder until invalidated', async () => {
    const fileSystem = new MemoryFileSystem({ '/repo/.incident-markup.yaml': 'rules:\n  place-alias: off\n' });
    const store = new ProjectConfigStore(fileSystem);
    expect((await store.forDocument('/repo/a.md'))?.rules).toEqual({ 'place-alias': 'off' });
    fileSystem.files.set('/repo/.incident-markup.yaml', 'rules:\n  place-alias: error\n');
    expect((await store.forDocument('/repo/b.md'))?.rules).toEqual({ 'place-alias': 'off' });
    store.invalidate();
    expect((await store.forDocument('/repo/b.md'))?.rules).toEqual({ 'place-alias': 'error' });
    expect(await store.forDocument(undefined)).toBeUndefined();
  });

  it('is the base that the editor settings override, code by code', () => {
    const team = { 'place-alias': 'off', 'actor-unknown': 'error' } as const;
    const user = { 'place-alias': 'hint' } as const;
    expect(mergeRuleSettings(team, undefined, user)).toEqual({ 'place-alias': 'hint', 'actor-unknown': 'error' });
  });

  it('changes what the checks report', () => {
    const { rules } = readProjectConfig('/r/.incident-markup.yaml', 'rules:\n  count-label-mismatch: warning\n  date-inferred: off\n');
    // Published, so that the two rules the configuration changes are all there is to say.
    const report = parseReport('---\npublished: 2023-10-10\n---\nOn :date[4 October 2023], :count[46]{type=killed value=48} died.');
    expect(runRules(report, Gazetteer.empty(), { rules }).map((d) => [d.code, d.severity])).toEqual([['count-label-mismatch', 'warning']]);
  });
});
