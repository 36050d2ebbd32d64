/**
 * The world spellings section of the gazetteer benchmark alone
 * (`npm run bench:gazetteer -- --world-only`): a few seconds instead of minutes.
 */
import { loadWorldLayer } from '../../server/src/core/gazetteer/worldLayer.js';
import { measureWorldSpellings } from './worldSpellings.js';

await measureWorldSpellings(loadWorldLayer().table, (figure, measured, target, ok) => {
  console.log(`  ${figure}: ${measured}${target ? `  (target ${target}${ok === undefined ? '' : ok ? ', ok' : ', MISSED'})` : ''}`);
});
