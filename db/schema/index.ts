export * from './compartments';
export * from './projects';
export * from './models';
export * from './model-deployments';
export * from './work-requests';
export * from './tags';
export * from './telemetry';
export * from './serving';
