/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The Incidents Overview page (docs/overview.md), bundled by scripts/build.mjs into
// dist/overviewPage.js (a browser IIFE) and dist/overviewPage.css. The static page of
// `incident-markup overview` inlines both, with the model as JSON in #overview-data.
import './overview.css';
import type { OverviewModel } from './overviewData.js';
import { renderOverview } from './renderOverview.js';

const root = document.getElementById('overview');
const data = document.getElementById('overview-data')?.textContent;
if (root && data) {
  // Marks for bench/overviewBench.mjs: what of the opening is this script's.
  performance.mark('overview-start');
  renderOverview(root, JSON.parse(data) as OverviewModel);
  performance.mark('overview-rendered');
  root.setAttribute('data-ready', 'true');
}
