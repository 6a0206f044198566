import { Readable } from 'node:stream';
import { isOcid } from '@/server/domain/ocid';
import { ERROR_STATUS } from '@/server/domain/result';
import { getAppContext } from '@/server/services/context';
import { modelsServiceOf } from '@/server/services/models';
import { withPrincipal } from '@/app/api/_lib/with-principal';

export const dynamic = 'force-dynamic';

/** RFC 6266: a plain ASCII fallback and the exact name in UTF-8. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** GetModelArtifactContent: the zip as uploaded, streamed, as a download. */
export const GET = withPrincipal(async (_req: Request, { params }: { params: Promise<{ modelId: string }> }) => {
  const { modelId } = await params;
  if (!isOcid(modelId, 'datasciencemodel')) {
    return Response.json({ code: 'InvalidParameter', message: 'Not a model OCID.' }, { status: 400 });
  }
  const r = await modelsServiceOf(getAppContext()).artifactContent(modelId);
  if (!r.ok) return Response.json({ code: r.error.code, message: r.error.message }, { status: ERROR_STATUS[r.error.code] });
  const a = r.data;
  return new Response(Readable.toWeb(a.stream) as ReadableStream<Uint8Array>, {
    headers: {
      'content-type': 'application/zip',
      'content-length': String(a.sizeInBytes),
      'content-disposition': contentDisposition(a.fileName),
      'content-md5': a.contentMd5,
      'last-modified': new Date(a.timeUploaded).toUTCString(),
      'cache-control': 'private, no-store',
    },
  });
});
