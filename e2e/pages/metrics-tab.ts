import { expect, type Locator, type Page } from '@playwright/test';
import { NAMES } from './names';

const N = NAMES.metrics;

/** A deployment's Metrics tab: the charts, each a region named by its title. */
export class MetricsTab {
  constructor(readonly page: Page) {}

  chart(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  get quickRange(): Locator {
    return this.page.getByLabel(N.quickRange);
  }

  async refresh(): Promise<void> {
    await this.page.getByRole('button', { name: N.refresh }).click();
  }

  /** Refreshes until the chart draws (the gateway flushes its current minute every second). */
  async waitForChart(title: string = N.requestCount, timeout = 45_000): Promise<Locator> {
    const chart = this.chart(title);
    await expect(async () => {
      await this.refresh();
      await expect(chart.getByRole('img')).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout });
    return chart;
  }
}
