import { describe, expect, it } from 'vitest';
import { fileName, statusView, type ServerStatus } from '../../client/src/statusView.js';

const TEAM = 'file:///work/reports/gazetteer.yaml';

const READY: ServerStatus = {
  state: 'ready',
  loading: null,
  gazetteerFiles: 1,
  entries: 25,
  reportsIndexed: 12,
  layers: [{ kind: 'team', files: [TEAM], places: 20, actors: 5 }],
  errors: [],
  errorCount: 0,
};

describe('the status bar item', () => {
  it('before the server has said anything, and once it has stopped', () => {
    expect(statusView('starting')).toEqual({
      text: '$(sync~spin) Incidents: starting',
      tooltip: 'Incident Markup: the language server is starting.\nClick to show the output (Incident Markup).',
      accessibilityLabel: 'Incident Markup: starting. Show the output.',
    });
    expect(statusView('stopped')).toEqual({
      text: '$(circle-slash) Incidents: stopped',
      tooltip: 'Incident Markup: the language server is not running; run "Incident Markup: Restart Language Server".\nClick to show the output (Incident Markup).',
      accessibilityLabel: 'Incident Markup: the language server is not running. Show the output.',
    });
  });

  it('ready: the gazetteer files and entries, every layer in the tooltip', () => {
    expect(statusView(READY)).toEqual({
      text: '$(check) Incidents: 1 gazetteer · 25 entries',
      tooltip: [
        'Incident Markup: ready',
        'Gazetteer files: 1',
        '  gazetteer.yaml: 20 places, 5 actors',
        'Entries: 25',
        'Reports indexed: 12',
        'Click to show the output (Incident Markup).',
      ].join('\n'),
      accessibilityLabel: 'Incident Markup: ready, 1 gazetteer file, 25 entries, 12 reports indexed. Show the output.',
    });
    const layered: ServerStatus = {
      ...READY,
      gazetteerFiles: 2,
      entries: 282_834,
      layers: [
        { kind: 'front-matter', files: ['file:///work/reports/extra%20places.yaml'], places: 1, actors: 0 },
        { kind: 'team', files: [TEAM], places: 20, actors: 5 },
        { kind: 'import', files: ['file:///work/geonames/SY.txt'], places: 999, actors: 0 },
        { kind: 'built-in', files: [], places: 281_809, actors: 0 },
      ],
    };
    expect(statusView(layered)).toEqual({
      text: '$(check) Incidents: 2 gazetteers · 283K entries',
      tooltip: [
        'Incident Markup: ready',
        'Gazetteer files: 2',
        "  The report's own extra places.yaml: 1 place, 0 actors",
        '  gazetteer.yaml: 20 places, 5 actors',
        '  GeoNames import SY.txt: 999 places',
        '  Built-in world gazetteer: 281,809 places',
        'Entries: 282,834',
        'Reports indexed: 12',
        'Click to show the output (Incident Markup).',
      ].join('\n'),
      accessibilityLabel: 'Incident Markup: ready, 2 gazetteer files, 282,834 entries, 12 reports indexed. Show the output.',
    });
    expect(statusView({ ...READY, gazetteerFiles: 0, entries: 1, layers: [], reportsIndexed: 1 }).text).toBe('$(check) Incidents: no gazetteer file · 1 entry');
  });

  it('loading: a GeoNames import or the index, with its percent when known', () => {
    expect(statusView({ ...READY, state: 'loading', loading: { task: 'gazetteer', percent: 40 } })).toEqual({
      text: '$(sync~spin) Incidents: loading gazetteer 40%',
      tooltip: [
        'Incident Markup: loading gazetteer 40%',
        'Gazetteer files: 1',
        '  gazetteer.yaml: 20 places, 5 actors',
        'Entries: 25',
        'Reports indexed: 12',
        'Click to show the output (Incident Markup).',
      ].join('\n'),
      accessibilityLabel: 'Incident Markup: loading gazetteer 40%, 1 gazetteer file, 25 entries, 12 reports indexed. Show the output.',
    });
    expect(statusView({ ...READY, state: 'loading', loading: { task: 'gazetteer', percent: null } }).text).toBe('$(sync~spin) Incidents: loading gazetteer');
    expect(statusView({ ...READY, state: 'loading', loading: { task: 'index', percent: 7 } }).text).toBe('$(sync~spin) Incidents: indexing reports 7%');
  });

  it('errors: counted in the text, the first listed in the tooltip with their file and line', () => {
    const failing: ServerStatus = {
      ...READY,
      state: 'error',
      errors: [
        { uri: TEAM, line: 11, message: 'Flow sequence in block collection must be sufficiently indented and end with a ].' },
        { uri: null, line: null, message: 'Indexing the workspace failed: EACCES' },
      ],
      errorCount: 12,
    };
    expect(statusView(failing)).toEqual({
      text: '$(warning) Incidents: 12 errors',
      tooltip: [
        'Incident Markup: 12 errors',
        'Gazetteer files: 1',
        '  gazetteer.yaml: 20 places, 5 actors',
        'Entries: 25',
        'Reports indexed: 12',
        'Errors (12):',
        '  gazetteer.yaml:12: Flow sequence in block collection must be sufficiently indented and end with a ].',
        '  Indexing the workspace failed: EACCES',
        '  and 10 more errors',
        'Click to show the output (Incident Markup).',
      ].join('\n'),
      accessibilityLabel: 'Incident Markup: 12 errors, 1 gazetteer file, 25 entries, 12 reports indexed. Show the output.',
    });
    expect(statusView({ ...failing, errors: failing.errors.slice(0, 1), errorCount: 1 }).text).toBe('$(warning) Incidents: 1 error');
  });

  it('names a file by the last segment of its uri, decoded', () => {
    expect([fileName('file:///c%3A/Reports/gaz%C3%A9tteer.yaml'), fileName('untitled:Untitled-1'), fileName('file:///x/100%.yaml')]).toEqual([
      'gazétteer.yaml',
      'untitled:Untitled-1',
      '100%.yaml',
    ]);
  });
});
