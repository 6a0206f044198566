import path from 'node:path';
import { demux } from '@/server/providers/local/deployments/containers';
import { docker } from './support';

const SERVER_DIR = path.resolve(__dirname, '../../runtimes/model-server');

/**
 * Runs a command in a runtime image with the model server's folder mounted read-only at /src and
 * no network (the Python tests need none), and returns its exit code and output.
 */
export async function runInImage(image: string, cmd: string[]): Promise<{ code: number; output: string }> {
  const container = await docker.createContainer({
    Image: image,
    Cmd: cmd,
    WorkingDir: '/src',
    Env: ['PYTHONDONTWRITEBYTECODE=1'],
    Labels: { 'berth.test': 'true' },
    HostConfig: { Binds: [`${SERVER_DIR}:/src:ro`], NetworkMode: 'none' },
  });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const logs = await container.logs({ stdout: true, stderr: true });
    return { code: StatusCode, output: demux(logs) };
  } finally {
    await container.remove({ force: true });
  }
}
