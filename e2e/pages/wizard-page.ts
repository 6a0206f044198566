import { expect, type Locator, type Page } from '@playwright/test';
import { NAMES } from './names';

const N = NAMES.wizard;

/** The create wizard, /model-deployments/new. */
export class WizardPage {
  constructor(readonly page: Page) {}

  async goto(query: { projectId?: string; modelId?: string } = {}): Promise<void> {
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
    await this.page.goto(`/model-deployments/new${params.size ? `?${params}` : ''}`);
    await expect(this.heading).toBeVisible();
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: N.title });
  }

  get modelPicker(): Locator {
    return this.page.getByRole('combobox', { name: N.model, exact: true });
  }

  get runtime(): Locator {
    return this.page.getByRole('region', { name: N.runtime });
  }

  get nameField(): Locator {
    return this.page.getByLabel(N.name, { exact: true });
  }

  get bandwidth(): Locator {
    return this.page.getByLabel(N.bandwidth);
  }

  get createButton(): Locator {
    return this.page.getByRole('button', { name: N.create, exact: true });
  }

  /** Opens the shape dialog, sets the memory and closes it with Enter. */
  async setMemory(gb: number): Promise<void> {
    await this.page.getByRole('button', { name: N.changeShape }).click();
    const dialog = this.page.getByRole('dialog', { name: N.shapeDialog });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel(N.memory).fill(String(gb));
    await dialog.getByLabel(N.memory).press('Enter');
    await expect(dialog).toBeHidden();
  }

  /** Names the deployment and creates it; resolves with its OCID once its page is open. */
  async create(opts: { name: string; description?: string }): Promise<string> {
    await this.nameField.fill(opts.name);
    if (opts.description) await this.page.getByLabel(N.description, { exact: true }).fill(opts.description);
    await this.createButton.click();
    await expect(this.page).toHaveURL(/\/model-deployments\/ocid1\.datasciencemodeldeployment\.[^/]+$/, { timeout: 60_000 });
    return decodeURIComponent(new URL(this.page.url()).pathname.split('/')[2] ?? '');
  }
}
