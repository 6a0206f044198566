import type { Page } from '@playwright/test';
import { ProjectsPage, type TagInput } from './pages';

/** A name no earlier test in this run has used, so specs do not depend on each other's data. */
export const uniqueName = (base: string) => `${base}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

export type { TagInput } from './pages';

/** Fills the create dialog of a project and submits it. */
export const fillProjectDialog = (page: Page, name: string, opts: { description?: string; tags?: TagInput[] } = {}) => new ProjectsPage(page).fillCreateDialog(name, opts);

export async function createProject(page: Page, name: string, opts: { description?: string; tags?: TagInput[] } = {}): Promise<void> {
  await new ProjectsPage(page).create(name, opts);
}

export const projectRow = (page: Page, name: string) => new ProjectsPage(page).row(name);
