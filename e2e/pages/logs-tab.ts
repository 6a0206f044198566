import { expect, type Locator, type Page } from '@playwright/test';
import { NAMES } from './names';

const N = NAMES.logs;

/** A deployment's Logs tab: access and predict records, filters and the live tail. */
export class LogsTab {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { name: N.heading, exact: true });
  }

  get table(): Locator {
    return this.page.getByRole('table', { name: N.table });
  }

  get history(): Locator {
    return this.page.getByRole('list', { name: N.history });
  }

  /** Records reach the database every few seconds: refresh until `text` is in the table. */
  async refreshUntil(text: string | RegExp, timeout = 45_000): Promise<void> {
    await expect(async () => {
      await this.page.getByRole('button', { name: N.refresh }).click();
      await expect(this.table).toContainText(text, { timeout: 2000 });
    }).toPass({ timeout });
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel(N.search).fill(text);
    await this.page.getByRole('button', { name: N.searchButton }).click();
  }

  async filterLevel(level: string): Promise<void> {
    await this.page.getByLabel(N.level).selectOption(level);
  }

  async filterCategory(category: string): Promise<void> {
    await this.page.getByLabel(N.category).selectOption(category);
  }

  get liveTail(): Locator {
    return this.page.getByRole('switch', { name: N.liveTail });
  }
}
