import { ensureDockerEngine } from './lib/docker-engine';
import { exitOnError } from './lib/run';
const t0 = performance.now();
ensureDockerEngine().then(() => console.log(`ensureDockerEngine took ${((performance.now() - t0) / 1000).toFixed(1)} s`)).catch(exitOnError);
