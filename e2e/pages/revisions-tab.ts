import { expect, type Locator, type Page } from '@playwright/test';
import { NAMES } from './names';

const R = NAMES.revisions;

/**
 * A deployment's Revisions tab: every configuration it had, newest first, a compare of any two,
 * and the rollback link into the edit page's preview (whose diff and apply button DeploymentPage
 * drives).
 */
export class RevisionsTab {
  constructor(readonly page: Page) {}

  get table(): Locator {
    return this.page.getByRole('table', { name: R.table, exact: true });
  }

  get rows(): Locator {
    // The header row has no cell, only column headers.
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell') });
  }

  /** The row of revision `n`, whether or not it is the current one. */
  row(n: number): Locator {
    return this.rows.filter({ has: this.page.getByRole('cell', { name: new RegExp(`^${n}\\s*(${R.current})?$`) }) });
  }

  /** The newest revision's number: the first row, as the list is newest first. */
  async newest(): Promise<number> {
    const first = (await this.rows.first().getByRole('cell').first().textContent()) ?? '';
    const n = Number.parseInt(first, 10);
    if (!Number.isInteger(n)) throw new Error(`The Revisions table's first row names no revision: "${first}"`);
    return n;
  }

  /** Chooses the two revisions to compare and returns the diff table of `from` to `to`. */
  async compare(from: number, to: number): Promise<Locator> {
    await this.page.getByRole('combobox', { name: R.from, exact: true }).selectOption(String(from));
    await this.page.getByRole('combobox', { name: R.to, exact: true }).selectOption(String(to));
    return this.diff(from, to);
  }

  diff(from: number, to: number): Locator {
    return this.page.getByRole('table', { name: `Changes from revision ${from} to revision ${to}` });
  }

  /** What the compare says when two revisions hold the same configuration. */
  sameConfiguration(from: number, to: number): Locator {
    return this.page.getByText(`Revisions ${from} and ${to} have the same configuration.`);
  }

  /** Opens the export dialog of revision `n` (its YAML is in the dialog). */
  async exportYaml(n: number): Promise<Locator> {
    await this.row(n).getByRole('button', { name: R.exportYaml }).click();
    const dialog = this.page.getByRole('dialog', { name: R.exportYaml });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** Follows revision `n`'s rollback link to the edit page's preview, filled from that revision. */
  async openRollback(n: number, deploymentName: string): Promise<void> {
    await this.row(n).getByRole('link', { name: `Roll back to revision ${n}` }).click();
    await expect(this.page.getByRole('heading', { name: `Roll back ${deploymentName} to revision ${n}` })).toBeVisible();
  }
}
