import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { gateRefusal } from '@/app/api/_lib/request-guard';
import { getAppContext } from '@/server/services/context';
import { handleModelUpload } from '@/server/services/model-upload';
import { modelsServiceOf } from '@/server/services/models';
import { withPrincipal } from '@/app/api/_lib/with-principal';

export const dynamic = 'force-dynamic';

/** Creates a model from a multipart upload: `details` (JSON) then the `artifact` zip, streamed. */
export const POST = withPrincipal(async (request) => {
  // The proxy does not see this route (it would buffer the artifact): withPrincipal has refused
  // a caller without a session, and the proxy's gate (Host, cross-site) runs here, before a byte
  // of the body is read.
  const refused = gateRefusal(request);
  if (refused) return refused;
  const ctx = getAppContext();
  const models = modelsServiceOf(ctx);
  const body = request.body ? Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>) : Readable.from([]);
  try {
    const outcome = await handleModelUpload(
      { maxArtifactBytes: ctx.config.maxArtifactBytes, createWithArtifact: models.createWithArtifact },
      { contentType: request.headers.get('content-type'), contentLength: request.headers.get('content-length') },
      body,
    );
    return Response.json(outcome.body, { status: outcome.status, ...('close' in outcome && outcome.close ? { headers: { connection: 'close' } } : {}) });
  } catch (cause) {
    console.error('model upload failed', cause);
    return Response.json({ code: 'InternalServerError', message: 'The upload failed on the server. The details are in the server log.' }, { status: 500 });
  }
});
