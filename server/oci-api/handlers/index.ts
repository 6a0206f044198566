import type { OciHandler } from '../call';
import { artifactHandlers } from './artifacts';
import { deploymentHandlers } from './deployments';
import { modelHandlers } from './models';
import { modelVersionSetHandlers } from './model-version-sets';
import { projectHandlers } from './projects';
import { workRequestHandlers } from './work-requests';

/** The operations this API offers, by the SDK's names; every other one answers 501. */
export const OCI_HANDLERS: Readonly<Record<string, OciHandler>> = {
  ...projectHandlers,
  ...modelHandlers,
  ...modelVersionSetHandlers,
  ...artifactHandlers,
  ...deploymentHandlers,
  ...workRequestHandlers,
};

/** Operations whose request body the SDK streams unsigned (`excludeBody`). */
export const STREAMED_BODY_OPERATIONS: ReadonlySet<string> = new Set(['createModelArtifact']);
