import { expect, type Locator, type Page } from '@playwright/test';
import { NAMES } from './names';

const N = NAMES.projects;

export interface TagInput {
  namespace?: string;
  key: string;
  value: string;
}

/** /projects and a project's page. */
export class ProjectsPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/projects');
  }

  get createButton(): Locator {
    return this.page.getByRole('button', { name: N.create }).first();
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: N.dialog });
  }

  row(name: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  /** Fills the create dialog (already open) and submits it; returns the dialog. */
  async fillCreateDialog(name: string, opts: { description?: string; tags?: readonly TagInput[] } = {}): Promise<Locator> {
    const dialog = this.dialog;
    await expect(dialog).toBeVisible();
    await dialog.getByLabel(N.name, { exact: true }).fill(name);
    if (opts.description) await dialog.getByLabel(N.description).fill(opts.description);
    for (const [i, tag] of (opts.tags ?? []).entries()) {
      await dialog.getByRole('button', { name: N.addTag }).click();
      const n = i + 1;
      if (tag.namespace) {
        await dialog.getByLabel(`Tag namespace ${n}`).selectOption(tag.namespace);
        await dialog.getByLabel(`Tag key ${n}`).selectOption(tag.key);
      } else {
        await dialog.getByLabel(`Tag key ${n}`).fill(tag.key);
      }
      await dialog.getByLabel(`Tag value ${n}`).fill(tag.value);
    }
    await dialog.getByRole('button', { name: N.createSubmit, exact: true }).click();
    return dialog;
  }

  /** Creates a project from the list and waits for its page; returns its OCID. */
  async create(name: string, opts: { description?: string; tags?: readonly TagInput[] } = {}): Promise<string> {
    await this.goto();
    await this.createButton.click();
    await this.fillCreateDialog(name, opts);
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(this.page).toHaveURL(/\/projects\/ocid1\.datascienceproject\.oc1\.[a-z0-9-]+\.[a-z0-9]+$/);
    return decodeURIComponent(this.page.url().split('/projects/')[1] ?? '');
  }

  /** On a project's page: the compartment it is in, from the breadcrumb's link back to the list. */
  async compartmentId(): Promise<string> {
    const href = await this.page.getByRole('navigation', { name: NAMES.shell.breadcrumb }).getByRole('link', { name: N.title }).getAttribute('href');
    return new URL(href ?? '', 'http://x').searchParams.get('compartmentId') ?? '';
  }

  /** On a project's page: its Models section. */
  get modelsSection(): Locator {
    return this.page.getByRole('region', { name: N.modelsSection, exact: true });
  }

  async openCreateModel(): Promise<void> {
    await this.modelsSection.getByRole('link', { name: N.createModel }).click();
  }
}
