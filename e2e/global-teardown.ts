import fs from 'node:fs';
import { checkThrowawayDataDir } from '../scripts/lib/e2e-data-dir';

// Removes the run's throwaway data directory, checked again so a mistaken environment variable can
// never make this delete anything else.
export default function globalTeardown(): void {
  const checked = checkThrowawayDataDir(process.env.BERTH_E2E_DATA_DIR);
  if ('dir' in checked) fs.rmSync(checked.dir, { recursive: true, force: true });
  else console.warn(`Not removing the e2e data directory: ${checked.why}`);
}
