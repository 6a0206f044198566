import { chromium, type FullConfig } from '@playwright/test';
import { E2E_ADMIN, signIn, storageStateFile } from './auth';

// Every spec runs signed in as the administrator: one sign-in through the real page, its cookie
// saved as the browser state the specs (and their API requests) start from.
export default async function globalSetup(config: FullConfig): Promise<void> {
  const project = config.projects[0];
  const baseURL = project?.use.baseURL;
  const dataDir = process.env.BERTH_E2E_DATA_DIR;
  if (!baseURL || !dataDir) throw new Error('global-setup needs the baseURL and BERTH_E2E_DATA_DIR of playwright.config.ts');
  const browser = await chromium.launch(project.use.launchOptions);
  try {
    const page = await browser.newPage({ baseURL });
    await signIn(page, E2E_ADMIN);
    await page.context().storageState({ path: storageStateFile(dataDir) });
  } finally {
    await browser.close();
  }
}
