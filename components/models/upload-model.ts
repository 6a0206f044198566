// The browser side of POST /api/models. XMLHttpRequest rather than fetch because only XHR reports
// upload progress; the file goes as it is, streamed by the browser from disk.

export interface UploadProgress {
  loaded: number;
  total: number;
}

export type UploadResult =
  | { ok: true; model: { id: string; displayName: string } }
  | { ok: false; status: number; code: string; message: string; fieldErrors?: Record<string, string> };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function readError(status: number, text: string): UploadResult {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  if (isRecord(body) && typeof body.message === 'string') {
    const fieldErrors = isRecord(body.fieldErrors) ? (body.fieldErrors as Record<string, string>) : undefined;
    return { ok: false, status, code: typeof body.code === 'string' ? body.code : 'Error', message: body.message, ...(fieldErrors ? { fieldErrors } : {}) };
  }
  if (status === 413) return { ok: false, status, code: 'PayloadTooLarge', message: 'The artifact is larger than the server accepts.' };
  return { ok: false, status, code: 'Error', message: `The server answered ${status} without an explanation. Try again; if it persists, check the server log.` };
}

export function uploadModel(details: unknown, file: File, onProgress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<UploadResult> {
  const form = new FormData();
  // details first: the server creates the model before the artifact's bytes arrive.
  form.append('details', JSON.stringify(details));
  form.append('artifact', file, file.name);
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/models');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.upload.onload = () => onProgress({ loaded: file.size, total: file.size });
    xhr.onload = () => {
      if (xhr.status === 201) {
        try {
          const model = JSON.parse(xhr.responseText) as { id: string; displayName: string };
          return resolve({ ok: true, model });
        } catch {
          return resolve(readError(xhr.status, ''));
        }
      }
      resolve(readError(xhr.status, xhr.responseText));
    };
    xhr.onerror = () =>
      resolve({ ok: false, status: 0, code: 'NetworkError', message: 'The upload was interrupted: the connection to the console was lost. Check that the console is running and try again.' });
    xhr.onabort = () => resolve({ ok: false, status: 0, code: 'Aborted', message: 'The upload was canceled. Nothing was stored.' });
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

