import { expect, type Locator, type Page } from '@playwright/test';
import { NAMES } from './names';

const N = NAMES.models;

export interface ModelForm {
  name: string;
  /** The zip file to upload. */
  artifact: string;
  /** The project's name, when the form was not opened from the project. */
  project?: string;
  description?: string;
  useCase?: string;
  framework?: string;
  inputSchema?: string;
}

/** /models, /models/new and a model's page. */
export class ModelsPage {
  constructor(readonly page: Page) {}

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/models${query}`);
  }

  async gotoCreate(): Promise<void> {
    await this.page.goto('/models/new');
  }

  get rows(): Locator {
    return this.page.getByRole('table', { name: N.table }).getByRole('row');
  }

  row(text: string): Locator {
    return this.rows.filter({ hasText: text });
  }

  get artifactField(): Locator {
    return this.page.getByLabel(N.artifact);
  }

  get createButton(): Locator {
    return this.page.getByRole('button', { name: N.create });
  }

  /** Fills the create form and submits it (the page it lands on is for the caller to check). */
  async submit(form: ModelForm): Promise<void> {
    const p = this.page;
    if (form.project) await p.getByLabel(N.project, { exact: true }).selectOption({ label: form.project });
    await p.getByLabel(N.name, { exact: true }).fill(form.name);
    if (form.description) await p.getByLabel(N.description, { exact: true }).fill(form.description);
    if (form.useCase) await p.getByLabel(N.useCase).selectOption(form.useCase);
    if (form.framework) await p.getByLabel(N.framework, { exact: true }).selectOption(form.framework);
    if (form.inputSchema) await p.getByLabel(N.inputSchema).fill(form.inputSchema);
    await this.artifactField.setInputFiles(form.artifact);
    await this.createButton.click();
  }

  /** Submits the form and waits for the new model's page; returns its OCID. */
  async create(form: ModelForm): Promise<string> {
    await this.submit(form);
    await expect(this.page).toHaveURL(/\/models\/ocid1\.datasciencemodel\.oc1\.[a-z0-9-]+\.[a-z0-9]+$/, { timeout: 60_000 });
    await expect(this.page.getByRole('heading', { level: 1, name: form.name })).toBeVisible();
    return decodeURIComponent(this.page.url().split('/models/')[1] ?? '');
  }

  get checks(): Locator {
    return this.page.getByRole('list', { name: N.checks }).getByRole('listitem');
  }

  check(label: string): Locator {
    return this.checks.filter({ hasText: label });
  }

  async expectEveryCheckPassed(): Promise<void> {
    await expect(this.page.getByText(N.allPassed)).toBeVisible();
  }

  /** On a model's page: the Deploy button opens the wizard with this model chosen. */
  async deploy(): Promise<void> {
    await this.page.getByRole('link', { name: N.deploy, exact: true }).click();
    await expect(this.page).toHaveURL(/\/model-deployments\/new\?.*modelId=/);
  }
}
