import { Transform, type Readable } from 'node:stream';
import busboy from 'busboy';
import { formatBytes } from '@/server/domain/bytes';
import { fieldErrorsOf, firstIssueText } from '@/server/domain/field-errors';
import type { Model } from '@/server/domain/oci-types';
import { ERROR_STATUS, type DomainError, type Result } from '@/server/domain/result';
import { createModelSchema, type CreateModelValues } from '@/server/validation/model';

// POST /api/models: a multipart form with a `details` field (JSON, CreateModelDetails and the
// provenance) followed by the `artifact` file. The file is streamed to the provider as it
// arrives; nothing of it is buffered whole. Errors answer as OCI does: { code, message }.

export const DETAILS_MAX_BYTES = 1024 * 1024;
/** Room for the multipart framing and the details field above the artifact size limit. */
const FORM_OVERHEAD_BYTES = DETAILS_MAX_BYTES + 64 * 1024;

export interface UploadError {
  code: string;
  message: string;
  fieldErrors?: Record<string, string>;
}

/** `close`: the body was not read, so the connection must not be kept waiting for it. */
export type UploadOutcome = { status: 201; body: Model } | { status: number; body: UploadError; close?: true };

export interface UploadDeps {
  maxArtifactBytes: number;
  createWithArtifact: (details: CreateModelValues, source: Readable, fileName: string) => Promise<Result<Model, DomainError>>;
}

const fail = (status: number, code: string, message: string, fieldErrors?: Record<string, string>): UploadOutcome => ({
  status,
  body: fieldErrors ? { code, message, fieldErrors } : { code, message },
});

const tooLarge = (max: number) => fail(413, 'PayloadTooLarge', `The artifact is larger than the limit of ${formatBytes(max)}. Make it smaller or ask for a higher BERTH_MAX_ARTIFACT_MB.`);

/** Parses and validates the `details` field. */
export function parseDetails(text: string): { ok: true; data: CreateModelValues } | { ok: false; outcome: UploadOutcome } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, outcome: fail(400, 'InvalidParameter', 'The details field is not valid JSON.') };
  }
  const parsed = createModelSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, outcome: fail(400, 'InvalidParameter', firstIssueText(parsed.error.issues, 'The details are not valid.'), fieldErrorsOf(parsed.error.issues)) };
  }
  return { ok: true, data: parsed.data };
}

const unread = (o: UploadOutcome): UploadOutcome => ({ ...o, close: true });

/** Reads a request body to its end without keeping it, so the client gets to read our answer. */
function drain(body: Readable): Promise<void> {
  return new Promise((resolve) => {
    body.on('end', resolve).on('error', () => resolve()).on('close', resolve);
    body.resume();
  });
}

export async function handleModelUpload(
  deps: UploadDeps,
  headers: { contentType: string | null; contentLength: string | null },
  body: Readable,
): Promise<UploadOutcome> {
  // Refused on the headers alone: answered at once, without reading (or waiting for) the body.
  if (!headers.contentType?.toLowerCase().startsWith('multipart/form-data')) {
    return unread(fail(400, 'InvalidParameter', 'Send the model as multipart/form-data with a "details" field and an "artifact" file.'));
  }
  const declared = Number(headers.contentLength ?? NaN);
  if (Number.isFinite(declared) && declared > deps.maxArtifactBytes + FORM_OVERHEAD_BYTES) return unread(tooLarge(deps.maxArtifactBytes));

  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { 'content-type': headers.contentType }, limits: { fields: 1, files: 1, fieldSize: DETAILS_MAX_BYTES } });
  } catch {
    await drain(body);
    return fail(400, 'InvalidParameter', 'The multipart/form-data request has no boundary.');
  }

  let details: ReturnType<typeof parseDetails> | undefined;
  let refused: UploadOutcome | undefined;
  let work: Promise<UploadOutcome> | undefined;
  const refuse = (o: UploadOutcome) => (refused ??= o);

  parser.on('field', (name, value, info) => {
    if (name !== 'details') return void refuse(fail(400, 'InvalidParameter', `Unexpected field "${name}"; send "details" and "artifact".`));
    if (info.valueTruncated) return void refuse(fail(413, 'PayloadTooLarge', `The details field is larger than ${formatBytes(DETAILS_MAX_BYTES)}.`));
    details = parseDetails(value);
  });

  parser.on('file', (name, file, info) => {
    if (name !== 'artifact') {
      file.resume();
      return void refuse(fail(400, 'InvalidParameter', `Unexpected file field "${name}"; the zip goes in "artifact".`));
    }
    if (!details) {
      file.resume();
      return void refuse(fail(400, 'InvalidParameter', 'The "details" field must come before the "artifact" file.'));
    }
    if (!details.ok || refused) return void file.resume();
    const { data } = details;
    // The provider may stop reading (too large, not a zip); the rest of the file is then
    // drained here, since busboy waits for every file stream to end.
    let seen = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        seen += chunk.length;
        cb(seen > deps.maxArtifactBytes ? new Error('the artifact is over the size limit') : null, chunk);
      },
    });
    // The provider's pipeline reports this error while it reads; once it has stopped reading, a
    // later one has no listener and would crash the process. The outcome is decided below anyway.
    counter.on('error', () => undefined);
    // pipe() carries no errors: an aborted request must still end the provider's read.
    file.on('error', (e) => counter.destroy(e));
    file.on('close', () => {
      if (!file.readableEnded) counter.destroy(new Error('the request ended before the artifact did'));
    });
    file.pipe(counter);
    work = deps
      .createWithArtifact(data, counter, info.filename || 'artifact.zip')
      .then((r): UploadOutcome => {
        if (r.ok) return { status: 201, body: r.data };
        if (seen > deps.maxArtifactBytes) return tooLarge(deps.maxArtifactBytes);
        return fail(ERROR_STATUS[r.error.code], r.error.code, r.error.message, r.error.fieldErrors);
      })
      .finally(() => {
        file.unpipe(counter);
        file.resume();
      });
  });

  parser.on('filesLimit', () => refuse(fail(400, 'InvalidParameter', 'Send exactly one artifact file.')));
  parser.on('fieldsLimit', () => refuse(fail(400, 'InvalidParameter', 'Send exactly one "details" field.')));

  const parsed = new Promise<Error | null>((resolve) => {
    parser.on('close', () => resolve(null));
    parser.on('error', (e: Error) => resolve(e));
  });
  body.on('error', (e) => parser.destroy(e));
  body.pipe(parser);
  const broken = await parsed;
  if (broken) body.resume();

  const outcome = work ? await work : undefined;
  if (outcome && outcome.status !== 201) return outcome;
  if (refused) return refused;
  if (broken) return fail(400, 'InvalidParameter', `The upload did not complete: ${broken.message}`);
  if (details && !details.ok) return details.outcome;
  if (!details) return fail(400, 'MissingParameter', 'The "details" field is missing.');
  if (!outcome) return fail(400, 'MissingParameter', 'The "artifact" file is missing: choose a zip file.');
  return outcome;
}
