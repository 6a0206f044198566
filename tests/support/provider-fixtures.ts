import { PassThrough, type Readable } from 'node:stream';
import yazl from 'yazl';
import type { CreateModelDeploymentDetails, Model, ModelDeployment } from '@/server/domain/oci-types';
import type { AppContext } from '@/server/services/context';

// What the provider-level unit tests seed on their real SQLite file: a zipped artifact, and a
// project with a model and a one-OCPU deployment of it (the runner is not started by them).

/** A zip of `files` (name -> content) as the upload stream the provider reads. */
export function zipStream(files: Record<string, string>): Readable {
  const z = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) z.addBuffer(Buffer.from(content), name);
  z.end();
  const out = new PassThrough();
  z.outputStream.pipe(out);
  return out;
}

export const ECHO_SCORE_PY = 'def predict(data, model=None):\n    return data\n';

type ConfigExtras = Omit<CreateModelDeploymentDetails['modelDeploymentConfigurationDetails'], 'deploymentType' | 'modelConfigurationDetails'>;

/** A project, a model with an echoing score.py, and a VM.Standard.E4.Flex deployment of it. */
export async function createEchoDeployment(
  c: AppContext,
  extras: { config?: ConfigExtras; secretEnvironmentVariables?: string[] } = {},
): Promise<{ md: ModelDeployment; workRequestId: string; model: Model }> {
  const compartmentId = c.installation.defaultCompartmentId;
  const project = await c.provider.createProject({ compartmentId, displayName: 'p' });
  if (!project.ok) throw new Error(project.error.message);
  const model = await c.provider.createModel({ compartmentId, projectId: project.data.id, displayName: 'm' });
  if (!model.ok) throw new Error(model.error.message);
  const artifact = await c.provider.createModelArtifact(model.data.id, zipStream({ 'score.py': ECHO_SCORE_PY }), 'model.zip');
  if (!artifact.ok) throw new Error(artifact.error.message);
  const created = await c.provider.createModelDeployment({
    compartmentId,
    projectId: project.data.id,
    modelDeploymentConfigurationDetails: {
      deploymentType: 'SINGLE_MODEL',
      modelConfigurationDetails: {
        modelId: model.data.id,
        instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
      },
      ...extras.config,
    },
    ...(extras.secretEnvironmentVariables ? { secretEnvironmentVariables: extras.secretEnvironmentVariables } : {}),
  });
  if (!created.ok) throw new Error(created.error.message);
  return { md: created.data.resource, workRequestId: created.data.workRequestId, model: model.data };
}
