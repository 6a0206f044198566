import { ensureDockerEngine } from './lib/docker-engine';
import { ensureRuntimeImages } from './lib/runtime-setup';
import { exitOnError } from './lib/run';
const t0 = performance.now();
ensureDockerEngine().then(ensureRuntimeImages).then(() => console.log(`TOTAL ${((performance.now() - t0) / 1000).toFixed(1)} s`)).catch(exitOnError);
