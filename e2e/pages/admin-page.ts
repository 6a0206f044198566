import { expect, type Locator, type Page } from '@playwright/test';
import { NAMES } from './names';

const N = NAMES.admin;

/** The operations page, /admin. */
export class AdminPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/admin');
    await expect(this.capacityHeading).toBeVisible();
  }

  /** From any console page, through the top navigation. */
  async open(): Promise<void> {
    await this.page.getByRole('link', { name: NAMES.shell.operations }).click();
    await expect(this.page).toHaveURL(/\/admin$/);
    await expect(this.capacityHeading).toBeVisible();
  }

  get capacityHeading(): Locator {
    return this.page.getByRole('heading', { name: N.capacity });
  }

  get cpuReserved(): Locator {
    return this.page.getByRole('progressbar', { name: N.cpuReserved });
  }

  get diskUsed(): Locator {
    return this.page.getByRole('progressbar', { name: N.diskUsed });
  }

  get images(): Locator {
    return this.page.getByRole('table', { name: N.images });
  }

  get builds(): Locator {
    return this.page.getByRole('table', { name: N.builds });
  }

  get containers(): Locator {
    return this.page.getByRole('table', { name: N.containers });
  }

  deploymentRow(name: string): Locator {
    return this.page
      .getByRole('table', { name: N.deployments })
      .getByRole('row')
      .filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }
}
