import type { ModelArtifactInfo } from '@/server/providers/types';
import { param, type OciHandler } from '../call';
import { currentIfMatch } from '../current';
import { parseByteRange, sliceStream } from '../byte-range';
import { answer, failure, fail, noContent } from '../respond';

// Model artifacts (OCI-SPEC B.3): the upload streams its body (unsigned, as the SDK sends it), and
// HEAD and GET answer the headers OCI answers: etag, content-length, content-disposition,
// content-md5 (base64 MD5 of the bytes) and last-modified.

/** RFC 6266: a plain ASCII fallback and the exact name in UTF-8. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The file name of `attachment; filename=model.zip` (quoted or not, or RFC 5987's filename*). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // Fall through to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(disposition);
  const name = (plain?.[1] ?? plain?.[2] ?? '').trim();
  return name || fallback;
}

const artifactEtag = (a: ModelArtifactInfo) => Buffer.from(a.contentMd5, 'base64').toString('hex');

function artifactHeaders(a: ModelArtifactInfo): Record<string, string> {
  return {
    etag: artifactEtag(a),
    'content-type': 'application/octet-stream',
    'content-length': String(a.sizeInBytes),
    'content-disposition': contentDisposition(a.fileName),
    'content-md5': a.contentMd5,
    'last-modified': new Date(a.timeUploaded).toUTCString(),
  };
}

export const artifactHandlers: Record<string, OciHandler> = {
  async createModelArtifact(call) {
    const id = param(call, 'modelId');
    if (!call.stream) return fail('MissingParameter', 'The request body (the model artifact) is required.');
    const current = await currentIfMatch(call.headers, call.provider.getModel(id));
    if (!current.ok) return failure(current.error);
    // Without a disposition OCI names the download after the model.
    const stored = await call.provider.createModelArtifact(id, call.stream, fileNameOf(call.headers.get('content-disposition'), `${id}.zip`));
    return stored.ok ? noContent({ etag: artifactEtag(stored.data) }, 200) : failure(stored.error);
  },

  async headModelArtifact(call) {
    const info = await call.provider.headModelArtifact(param(call, 'modelId'));
    return info.ok ? noContent(artifactHeaders(info.data), 200) : failure(info.error);
  },

  async getModelArtifactContent(call) {
    const content = await call.provider.getModelArtifactContent(param(call, 'modelId'));
    if (!content.ok) return failure(content.error);
    const { stream, ...info } = content.data;
    const range = parseByteRange(call.headers.get('range'), info.sizeInBytes);
    if (range === 'unsatisfiable') {
      stream.destroy();
      return answer({ code: 'InvalidRange', message: `The range is outside the artifact's ${info.sizeInBytes} bytes.` }, { 'content-range': `bytes */${info.sizeInBytes}` }, 416);
    }
    if (!range) return { ok: true, answer: { status: 200, stream, headers: artifactHeaders(info) } };
    const headers = { ...artifactHeaders(info), 'content-length': String(range.end - range.start + 1), 'content-range': `bytes ${range.start}-${range.end}/${info.sizeInBytes}` };
    return { ok: true, answer: { status: 206, stream: sliceStream(stream, range), headers } };
  },
};
