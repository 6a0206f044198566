// Every accessible name the page objects look elements up by, in one place. The unit test
// tests/page-object-names.test.ts fails when one of them no longer occurs in the console's
// sources (app/, components/), so renaming a button or a heading breaks a test at once instead of
// every demo and spec that drives it. A name the console assembles from pieces lists the pieces
// that must be in the sources (`inSource`).

export interface AssembledName {
  name: string;
  inSource: readonly string[];
}

export type AccessibleName = string | AssembledName;

export const NAMES = {
  signIn: {
    userName: 'User name',
    password: 'Password',
    submit: 'Sign in',
  },
  shell: {
    breadcrumb: 'Breadcrumb',
    operations: 'Operations',
  },
  projects: {
    title: 'Projects',
    create: 'Create project',
    dialog: 'Create project',
    name: 'Name',
    description: 'Description',
    addTag: 'Add tag',
    createSubmit: 'Create',
    modelsSection: 'Models',
    createModel: 'Create model',
    deploymentsSection: 'Model deployments',
    createDeployment: 'Create model deployment',
  },
  models: {
    title: 'Models',
    table: 'Models',
    create: 'Create model',
    project: 'Project',
    name: 'Name',
    description: 'Description',
    useCase: 'Use case',
    framework: 'Framework',
    inputSchema: 'Input schema',
    artifact: 'Model artifact',
    checks: 'Artifact checks',
    allPassed: 'Every check passed',
    deploy: 'Deploy',
  },
  wizard: {
    title: 'Create model deployment',
    model: 'Model',
    name: 'Name',
    description: 'Description',
    runtime: 'Runtime',
    changeShape: 'Change shape',
    shapeDialog: 'Select a shape',
    memory: 'Memory (GB)',
    bandwidth: 'Load balancer bandwidth (Mbps)',
    create: 'Create',
  },
  deployment: {
    sections: 'Model deployment sections',
    information: 'Model deployment information',
    creating: 'Creating the model deployment',
    active: 'Active: the endpoint serves predictions',
    progress: 'Percent complete',
    logMessages: 'Log messages',
    workRequests: 'Work requests',
    edit: 'Edit',
    invokeTab: 'Invoke',
    metricsTab: 'Metrics',
    logsTab: 'Logs',
    scalingTab: 'Scaling',
    revisionsTab: 'Revisions',
    requestBody: 'Request body (JSON)',
    send: 'Send',
    responseBody: 'Response body',
    scalingRegion: 'Scaling',
    scalingDecisions: 'Scaling decisions',
  },
  edit: {
    instances: 'Number of instances',
    bandwidth: 'Load balancer bandwidth (Mbps)',
    apply: 'Apply changes',
    diff: 'Changes to apply',
    plan: 'Update plan',
    planSteps: 'Update steps',
    applyInSteps: { name: 'Apply in 2 steps', inSource: ['Apply in '] },
    allApplied: { name: 'All 2 steps were applied.', inSource: [' steps were applied.'] },
  },
  revisions: {
    table: 'Revisions',
    current: 'Current',
    compare: 'Compare revisions',
    from: 'From',
    to: 'To',
    compareTable: { name: 'Changes from revision 1 to revision 2', inSource: ['Changes from revision ', ' to revision '] },
    sameConfiguration: { name: 'Revisions 1 and 3 have the same configuration.', inSource: [' have the same configuration.'] },
    exportYaml: 'Export as YAML',
    rollBack: { name: 'Roll back to revision 1', inSource: ['Roll back to revision '] },
    rollbackHeading: { name: 'Roll back my-deployment to revision 1', inSource: ['Roll back ', ' to revision '] },
    rollbackSummary: { name: 'Rollback to revision 1', inSource: ['Rollback to revision '] },
  },
  metrics: {
    quickRange: 'Quick range',
    refresh: 'Refresh',
    requestCount: 'Predict Request Count',
    latency: 'Predict Latency',
  },
  logs: {
    heading: 'Logs',
    table: 'Log records',
    refresh: 'Refresh',
    search: 'Search text',
    searchButton: 'Search',
    level: 'Level',
    category: 'Category',
    liveTail: 'Live tail',
    history: 'Work request history',
  },
  admin: {
    capacity: 'Host capacity',
    cpuReserved: 'CPU reserved',
    diskUsed: 'Disk used',
    deployments: 'Deployments',
    containers: 'Managed containers',
    images: 'Runtime images',
    builds: 'Runtime image builds',
    identity: 'Identity and access',
  },
} as const satisfies Record<string, Record<string, AccessibleName>>;

export const nameOf = (n: AccessibleName): string => (typeof n === 'string' ? n : n.name);
