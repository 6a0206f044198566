import path from 'node:path';
import type { Page } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page';

/** The administrator serve-e2e sets up (BERTH_ADMIN_PASSWORD); test-only, on a throwaway data directory. */
export const E2E_ADMIN = { userName: 'admin', password: 'berth-e2e-admin-password' } as const;

/** The signed-in browser state every spec starts from (written by global-setup). */
export const storageStateFile = (dataDir: string): string => path.join(dataDir, 'e2e-admin-state.json');

/** Signs in through the sign-in page, as a person would. */
export const signIn = (page: Page, user: { userName: string; password: string }): Promise<void> => new SignInPage(page).signIn(user);
