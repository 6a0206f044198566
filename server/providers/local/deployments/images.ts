import type Docker from 'dockerode';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import { engineStatusOf } from '../docker/client';
import { dockerMessage } from './containers';

/**
 * Finds a local image by `name:tag`, `name@sha256:...` or an explicit digest. Without a registry a
 * local image's digest is its content-addressed id (sha256 of its config), which never changes
 * when the tag moves to another build, so it pins the deployment exactly as OCI's digest does.
 */
export async function resolveImage(docker: Docker, image: string, imageDigest: string | undefined): Promise<Result<{ digest: string }, DomainError>> {
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const digest = imageDigest ?? (at >= 0 ? image.slice(at + 1) : undefined);
  const target = digest ?? ref;
  if (!target) return err(domainError('InvalidParameter', 'An image is required for a custom container.', { image: 'Image is required' }));
  try {
    const info = await docker.getImage(target).inspect();
    return ok({ digest: info.Id });
  } catch (cause) {
    const status = engineStatusOf(cause);
    // The engine refused the reference itself: the caller's input, not an outage.
    if (status === 400) {
      return err(domainError('InvalidParameter', `Docker refused the image reference "${target}": ${dockerMessage(cause)}`, { image: 'Docker refused this image reference' }));
    }
    if (status === 404) {
      const what = digest ? `with digest ${digest}` : `"${ref}"`;
      return err(domainError('InvalidParameter', `Image ${what} was not found on this machine. Build or load it first (for example docker build -t ${ref || 'name:tag'} .).`, { image: 'Image not found locally' }));
    }
    // Only an engine that did not answer, or failed on its side, is an outage.
    return err(domainError('ServiceUnavailable', `The Docker engine could not be asked about image ${target}: ${dockerMessage(cause)}`));
  }
}
