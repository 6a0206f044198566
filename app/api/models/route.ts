import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { getAppContext } from '@/server/services/context';
import { handleModelUpload } from '@/server/services/model-upload';
import { modelsServiceOf } from '@/server/services/models';

export const dynamic = 'force-dynamic';

/** Creates a model from a multipart upload: `details` (JSON) then the `artifact` zip, streamed. */
export async function POST(request: Request) {
  const ctx = getAppContext();
  // The proxy does not see this route (it would buffer the artifact): refuse before reading any of it.
  if (!(await ctx.principal())) return Response.json({ code: 'NotAuthenticated', message: 'Sign in first: this request carried no session.' }, { status: 401, headers: { connection: 'close' } });
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
}
