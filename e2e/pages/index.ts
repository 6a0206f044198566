// Page objects for driving the console in demos and specs: one per page, role-based locators,
// every accessible name from names.ts (kept honest by tests/page-object-names.test.ts).
export { AdminPage } from './admin-page';
export { DeploymentPage } from './deployment-page';
export { LogsTab } from './logs-tab';
export { MetricsTab } from './metrics-tab';
export { ModelsPage } from './models-page';
export { NAMES, nameOf } from './names';
export { ProjectsPage, type TagInput } from './projects-page';
export { RevisionsTab } from './revisions-tab';
export { SignInPage } from './sign-in-page';
export { WizardPage } from './wizard-page';
