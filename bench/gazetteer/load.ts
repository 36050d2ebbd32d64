/**
 * One cold load of the built-in layer, in a process of its own (bench.ts
 * starts several): how long the load takes, and how long after the process
 * started the layer is ready.
 */
import { loadWorldLayer } from '../../server/src/core/gazetteer/worldLayer.js';

const started = performance.now();
loadWorldLayer();
// performance.now() counts from the process's start.
process.stdout.write(JSON.stringify({ load: performance.now() - started, sinceStart: performance.now() }));
