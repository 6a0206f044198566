import { expect, type Page } from '@playwright/test';
import { AdminPage, DeploymentPage, LogsTab, MetricsTab, ModelsPage, NAMES, nameOf, ProjectsPage, RevisionsTab, SignInPage, WizardPage } from '../pages';
import { IRIS_INPUT_SCHEMA, IRIS_RUNTIME, IRIS_SAMPLE, IRIS_SAMPLE_PREDICTION } from './iris-model';

// The demo's story, a data scientist's and then an ops person's, one step per entry. The steps
// are data: to show a feature that lands later (autoscaling under load, a rollback), add an entry
// where it belongs in the story; the runner (run-demo.ts) numbers, captions and records them.

export interface DemoState {
  projectName: string;
  modelName: string;
  deploymentName: string;
  projectId?: string;
  modelId?: string;
  deploymentId?: string;
}

export interface DemoContext {
  page: Page;
  state: DemoState;
  /** The zip the model step uploads. */
  artifact: string;
  credentials: { userName: string; password: string };
  /** Pacing: holds the picture for a live audience; no wait in the short mode. */
  hold(): Promise<void>;
}

export interface DemoStep {
  /** Short, kebab-case: `--step <name>` stops after it; the screenshot is named after it. */
  name: string;
  caption: string;
  run(ctx: DemoContext): Promise<void>;
  /** Also a README picture: public/screenshots/<readme>.png (npm run demo:screenshots). */
  readme?: string;
}

/** How many predictions the traffic step sends. */
export const TRAFFIC_REQUESTS = 40;

const deploymentOf = (ctx: DemoContext): DeploymentPage => {
  if (!ctx.state.deploymentId) throw new Error('No deployment yet: the deploy step runs before this one.');
  return new DeploymentPage(ctx.page, ctx.state.deploymentId);
};

export const DEMO_STEPS: readonly DemoStep[] = [
  {
    name: 'sign-in',
    caption: 'Sign in to the Berth console as the administrator',
    run: async (ctx) => {
      await new SignInPage(ctx.page).signIn(ctx.credentials);
      await expect(ctx.page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    },
  },
  {
    name: 'create-project',
    caption: 'A data scientist creates a project for the iris classifier',
    run: async (ctx) => {
      const projects = new ProjectsPage(ctx.page);
      await projects.goto();
      await projects.createButton.click();
      await expect(projects.dialog).toBeVisible();
      await ctx.hold();
      await projects.fillCreateDialog(ctx.state.projectName, { description: 'Classifies iris flowers from their sepals and petals' });
      await expect(ctx.page.getByRole('heading', { level: 1, name: ctx.state.projectName })).toBeVisible();
      ctx.state.projectId = decodeURIComponent(ctx.page.url().split('/projects/')[1] ?? '');
    },
  },
  {
    name: 'upload-model',
    caption: 'Upload the scikit-learn model, trained in the runtime image: score.py, runtime.yaml and the weights, zipped',
    readme: 'model',
    run: async (ctx) => {
      await new ProjectsPage(ctx.page).openCreateModel();
      const models = new ModelsPage(ctx.page);
      await expect(ctx.page.getByRole('heading', { level: 1, name: NAMES.models.create })).toBeVisible();
      ctx.state.modelId = await models.create({
        name: ctx.state.modelName,
        artifact: ctx.artifact,
        description: 'Logistic regression on the iris data set',
        useCase: 'multinomial_classification',
        framework: 'scikit-learn',
        inputSchema: IRIS_INPUT_SCHEMA,
      });
      // The upload imported score.py and ran load_model() in the runtime image.
      await models.expectEveryCheckPassed();
      await expect(models.check('load_model() runs in the runtime image')).toContainText(IRIS_RUNTIME);
    },
  },
  {
    name: 'deploy',
    caption: "Deploy it with the wizard: the model's page chooses the model, the runtime follows from runtime.yaml",
    readme: 'wizard',
    run: async (ctx) => {
      await new ModelsPage(ctx.page).deploy();
      const wizard = new WizardPage(ctx.page);
      await expect(wizard.runtime).toContainText(`Served by the conda environment ${IRIS_RUNTIME}`);
      await wizard.nameField.fill(ctx.state.deploymentName);
      await expect(wizard.createButton).toBeEnabled();
    },
  },
  {
    name: 'follow-to-active',
    caption: 'Create: the page follows the work request while a container starts behind the gateway, until the deployment is Active',
    readme: 'deployment',
    run: async (ctx) => {
      ctx.state.deploymentId = await new WizardPage(ctx.page).create({ name: ctx.state.deploymentName });
      const md = deploymentOf(ctx);
      await expect(ctx.page.getByRole('heading', { level: 1, name: ctx.state.deploymentName })).toBeVisible();
      await md.waitForActive();
    },
  },
  {
    name: 'invoke',
    caption: 'Invoke it: the first request body comes from the input schema, and the model names the species',
    readme: 'invoke',
    run: async (ctx) => {
      const md = deploymentOf(ctx);
      await md.openTab(NAMES.deployment.invokeTab);
      expect(JSON.parse(await md.requestBody.inputValue())).toEqual(IRIS_SAMPLE);
      expect(await md.invoke()).toEqual(IRIS_SAMPLE_PREDICTION);
    },
  },
  {
    name: 'traffic',
    caption: `Generate traffic: ${TRAFFIC_REQUESTS} predictions through the console's invoke API`,
    run: async (ctx) => {
      const id = deploymentOf(ctx).id;
      for (let i = 0; i < TRAFFIC_REQUESTS; i += 1) {
        const flower = [4.5 + (i % 30) / 10, 2.5 + (i % 10) / 10, 1 + (i % 50) / 10, 0.1 + (i % 25) / 10];
        const res = await ctx.page.request.post(`/api/model-deployments/${id}/invoke`, { data: { data: [flower] } });
        expect(res.status(), await res.text()).toBe(200);
        expect(((await res.json()) as { status: number }).status).toBe(200);
      }
    },
  },
  {
    name: 'metrics',
    caption: 'The Metrics tab charts the requests, their status and latency, per minute',
    readme: 'metrics',
    run: async (ctx) => {
      await deploymentOf(ctx).openTab(NAMES.deployment.metricsTab);
      const metrics = new MetricsTab(ctx.page);
      const chart = await metrics.waitForChart(NAMES.metrics.requestCount);
      await expect(metrics.chart(NAMES.metrics.latency)).toBeVisible();
      // The charts fill the picture.
      await chart.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    },
  },
  {
    name: 'logs',
    caption: "The Logs tab: the gateway's access log and the model server's predict log",
    readme: 'logs',
    run: async (ctx) => {
      await deploymentOf(ctx).openTab(NAMES.deployment.logsTab);
      const logs = new LogsTab(ctx.page);
      await expect(logs.heading).toBeVisible();
      await logs.refreshUntil(/POST \/\S+\/predict 200/);
    },
  },
  {
    name: 'edit-diff',
    caption: 'Edit the deployment: each change is shown as a diff before anything is applied',
    run: async (ctx) => {
      const md = deploymentOf(ctx);
      await md.goto();
      await md.openEdit();
      await md.setBandwidth(20);
      await expect(md.diff.getByRole('row', { name: /Load balancer bandwidth \(Mbps\)/ })).toHaveText(/10\s*20/);
    },
  },
  {
    name: 'edit-plan',
    caption: 'Two option groups changed: the update runs as a plan of two steps, one work request each',
    readme: 'update-plan',
    run: async (ctx) => {
      const md = deploymentOf(ctx);
      await md.setInstances(2);
      await expect(md.plan.getByRole('heading', { name: 'Step 1 of 2: Scaling policy' })).toBeVisible();
      await ctx.hold();
      await md.applyPlan(2);
    },
  },
  {
    name: 'scaling',
    caption: 'The Scaling tab: two instances serve now',
    run: async (ctx) => {
      const md = deploymentOf(ctx);
      await md.goto();
      await md.openTab(NAMES.deployment.scalingTab);
      await expect(md.scaling).toContainText(/Current instances\s*2/);
    },
  },
  {
    name: 'revisions',
    caption: 'The Revisions tab records every configuration applied and who asked: revision 1 compared with the latest',
    run: async (ctx) => {
      await deploymentOf(ctx).openTab(NAMES.deployment.revisionsTab);
      const revisions = new RevisionsTab(ctx.page);
      await expect(revisions.row(1)).toContainText('Created');
      const latest = await revisions.newest();
      expect(latest).toBeGreaterThan(1);
      await expect(revisions.row(latest)).toContainText(NAMES.revisions.current);
      const diff = await revisions.compare(1, latest);
      await expect(diff.getByRole('row', { name: /Load balancer bandwidth \(Mbps\)/ })).toHaveText(/10\s*20/);
      // The list and the compare both in the picture, clear of the caption.
      await diff.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    },
  },
  {
    name: 'rollback-preview',
    caption: "Roll back to revision 1: the edit page starts from that revision's configuration and previews what will change",
    run: async (ctx) => {
      await new RevisionsTab(ctx.page).openRollback(1, ctx.state.deploymentName);
      // The edit of the plan step, undone: the bandwidth back to 10, one instance again.
      const md = deploymentOf(ctx);
      await expect(md.plan.getByRole('row', { name: /Load balancer bandwidth \(Mbps\)/ })).toHaveText(/20\s*10/);
      await expect(md.plan.getByRole('heading', { name: 'Step 1 of 2: Scaling policy' })).toBeVisible();
    },
  },
  {
    name: 'rollback',
    caption: 'Apply it: back to Active; each step of the plan is a new revision, "Rollback to revision 1", and the latest holds the same configuration as revision 1',
    run: async (ctx) => {
      const md = deploymentOf(ctx);
      await md.applyPlan(2);
      // The last step's work request has succeeded; the page shows the state it read when loaded.
      await md.goto();
      await expect(async () => {
        await ctx.page.reload();
        await expect(md.information).toContainText('Active', { timeout: 2000 });
      }).toPass({ timeout: 60_000 });
      await md.openTab(NAMES.deployment.revisionsTab);
      const revisions = new RevisionsTab(ctx.page);
      const latest = await revisions.newest();
      await expect(revisions.row(latest)).toContainText(`${nameOf(NAMES.revisions.rollbackSummary)}:`);
      await expect(revisions.row(latest)).toContainText(NAMES.revisions.current);
      await revisions.compare(1, latest);
      await expect(revisions.sameConfiguration(1, latest)).toBeVisible();
      await revisions.sameConfiguration(1, latest).evaluate((el) => el.scrollIntoView({ block: 'center' }));
    },
  },
  {
    name: 'operations',
    caption: 'The ops person ends on the operations page: host capacity, deployments, containers and images',
    readme: 'operations',
    run: async (ctx) => {
      const admin = new AdminPage(ctx.page);
      await admin.open();
      await expect(admin.cpuReserved).toBeVisible();
      const row = admin.deploymentRow(ctx.state.deploymentName);
      await expect(row).toContainText('Active');
      // One instance again since the rollback.
      await expect(row).toContainText('1/1');
    },
  },
];

export const stepNames = (): string[] => DEMO_STEPS.map((s) => s.name);
