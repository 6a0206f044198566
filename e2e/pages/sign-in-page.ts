import type { Page } from '@playwright/test';
import { NAMES } from './names';

const N = NAMES.signIn;

/** /sign-in: user name and password, as a person types them. */
export class SignInPage {
  constructor(readonly page: Page) {}

  async signIn(user: { userName: string; password: string }): Promise<void> {
    await this.page.goto('/sign-in');
    await this.page.getByLabel(N.userName).fill(user.userName);
    await this.page.getByLabel(N.password).fill(user.password);
    await this.page.getByRole('button', { name: N.submit }).click();
    await this.page.waitForURL((url) => url.pathname !== '/sign-in');
  }
}
