import { expect, type Locator, type Page } from '@playwright/test';
import { NAMES } from './names';

const N = NAMES.deployment;
const E = NAMES.edit;

type Tab = typeof N.invokeTab | typeof N.metricsTab | typeof N.logsTab | typeof N.scalingTab | typeof N.revisionsTab;

/** A model deployment's page (/model-deployments/<ocid>), its tabs, and its edit page. */
export class DeploymentPage {
  constructor(
    readonly page: Page,
    readonly id: string,
  ) {}

  async goto(tab?: 'invoke' | 'metrics' | 'logs' | 'scaling' | 'revisions'): Promise<void> {
    await this.page.goto(`/model-deployments/${this.id}${tab ? `?tab=${tab}` : ''}`);
  }

  get sections(): Locator {
    return this.page.getByRole('navigation', { name: N.sections });
  }

  async openTab(tab: Tab): Promise<void> {
    await this.sections.getByRole('link', { name: tab }).click();
  }

  get information(): Locator {
    return this.page.getByRole('region', { name: N.information });
  }

  get creatingHeading(): Locator {
    return this.page.getByRole('heading', { name: N.creating });
  }

  get activeHeading(): Locator {
    return this.page.getByRole('heading', { name: N.active });
  }

  get workRequestLog(): Locator {
    return this.page.getByRole('list', { name: N.logMessages });
  }

  /** Waits, on the page, until the work request it follows has made the deployment Active. */
  async waitForActive(timeout = 150_000): Promise<void> {
    await expect(this.activeHeading).toBeVisible({ timeout });
  }

  // The Invoke tab.
  get requestBody(): Locator {
    return this.page.getByLabel(N.requestBody);
  }

  get responseBody(): Locator {
    return this.page.getByLabel(N.responseBody);
  }

  /** Sends the request body (the sample, or `body` when given) and waits for the HTTP status. */
  async invoke(body?: unknown, status = 200): Promise<unknown> {
    if (body !== undefined) await this.requestBody.fill(JSON.stringify(body));
    await this.page.getByRole('button', { name: N.send, exact: true }).click();
    await expect(this.page.getByText(`HTTP ${status}`)).toBeVisible();
    return JSON.parse((await this.responseBody.textContent()) ?? 'null') as unknown;
  }

  // The Scaling tab.
  get scaling(): Locator {
    return this.page.getByRole('region', { name: N.scalingRegion, exact: true });
  }

  // The edit page: the diff of one option group, or the plan of several.
  async openEdit(): Promise<void> {
    await this.page.getByRole('link', { name: N.edit, exact: true }).first().click();
    await expect(this.page).toHaveURL(/\/edit$/);
  }

  get diff(): Locator {
    return this.page.getByRole('table', { name: E.diff });
  }

  get plan(): Locator {
    return this.page.getByRole('list', { name: E.plan });
  }

  get planSteps(): Locator {
    return this.page.getByRole('list', { name: E.planSteps });
  }

  async setInstances(n: number): Promise<void> {
    await this.page.getByLabel(E.instances).fill(String(n));
  }

  async setBandwidth(mbps: number): Promise<void> {
    await this.page.getByLabel(E.bandwidth).fill(String(mbps));
  }

  /** Applies a one-group change and waits to be back on the deployment's page. */
  async applyChanges(): Promise<void> {
    await this.page.getByRole('button', { name: E.apply }).click();
    await expect(this.page).toHaveURL(new RegExp(`/model-deployments/${this.id.replace(/\./g, '\\.')}$`));
  }

  /** Applies a rollback preview of one option group and waits to be back on the deployment's page. */
  async applyRollback(revision: number): Promise<void> {
    await this.page.getByRole('button', { name: `Roll back to revision ${revision}` }).click();
    await expect(this.page).toHaveURL(new RegExp(`/model-deployments/${this.id.replace(/\./g, '\\.')}$`));
  }

  /** Runs a plan of `steps` steps and waits until every step has been applied. */
  async applyPlan(steps: number, timeout = 180_000): Promise<void> {
    await this.page.getByRole('button', { name: `Apply in ${steps} steps` }).click();
    await expect(this.page).toHaveURL(/\/edit\?plan=[0-9a-f-]{36}$/);
    await expect(this.page.getByText(`All ${steps} steps were applied.`)).toBeVisible({ timeout });
  }
}
