import { formatBytes } from './bytes';

// A stored log record is capped: one echoed 9 MB request body must not become a 9 MB row that every
// page of the Logs tab then carries. The head and the tail are kept (a traceback's last line names
// the exception), with a marker in between saying how much was cut.

export const LOG_RECORD_MAX_BYTES = 16 * 1024;

export interface CappedText {
  text: string;
  /** UTF-8 bytes left out; 0 when the text was kept whole. */
  cutBytes: number;
}

/** UTF-8 length of a string without allocating its encoding. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const encoder = new TextEncoder();

/** The longest prefix of `s` whose UTF-8 encoding fits in `maxBytes`, never splitting a character. */
function headOf(s: string, maxBytes: number): string {
  if (maxBytes <= 0) return '';
  const { read } = encoder.encodeInto(s.slice(0, maxBytes), new Uint8Array(maxBytes));
  return s.slice(0, read);
}

/** The longest suffix of `s` whose UTF-8 encoding fits in `maxBytes`. */
function tailOf(s: string, maxBytes: number): string {
  if (maxBytes <= 0) return '';
  let bytes = 0;
  let i = s.length;
  while (i > 0) {
    const c = s.charCodeAt(i - 1);
    const pair = c >= 0xdc00 && c <= 0xdfff && i > 1;
    const size = pair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    if (bytes + size > maxBytes) break;
    bytes += size;
    i -= pair ? 2 : 1;
  }
  return s.slice(i);
}

export const cutMarker = (cutBytes: number, maxBytes: number): string => ` … [${formatBytes(cutBytes)} cut: log records are kept up to ${formatBytes(maxBytes)}] … `;

/**
 * Caps `text` at `maxBytes` of UTF-8, marker included. `droppedBytes` counts bytes that never reached
 * `text` (cut off while the line was still arriving): the tail is then unknown and only the head is kept.
 */
export function capLogText(text: string, maxBytes = LOG_RECORD_MAX_BYTES, droppedBytes = 0): CappedText {
  // Cheap exit for the common case: no UTF-8 character is longer than 3 bytes per UTF-16 unit.
  if (droppedBytes === 0 && text.length * 3 <= maxBytes) return { text, cutBytes: 0 };
  const total = utf8Length(text);
  if (droppedBytes === 0 && total <= maxBytes) return { text, cutBytes: 0 };
  // The marker's own length depends on the cut's size; size it for the largest figure first.
  const room = maxBytes - utf8Length(cutMarker(total + droppedBytes, maxBytes)) - 8;
  const head = headOf(text, droppedBytes > 0 ? room : Math.ceil(room * 0.75));
  const tail = droppedBytes > 0 ? '' : tailOf(text, room - utf8Length(head));
  const cutBytes = total + droppedBytes - utf8Length(head) - utf8Length(tail);
  return { text: `${head}${cutMarker(cutBytes, maxBytes)}${tail}`.trimEnd(), cutBytes };
}

/**
 * Builds a capped text from pieces (a traceback's lines) in bounded memory: once the text passes a
 * few times the cap, its head is fixed and only a rolling tail is kept.
 */
export class CappedTextBuilder {
  private full = '';
  private head: string | null = null;
  private tail = '';
  private cut = 0;
  private readonly room: number;

  constructor(private readonly maxBytes = LOG_RECORD_MAX_BYTES) {
    // Sized for the longest marker a real cut can need.
    this.room = maxBytes - utf8Length(cutMarker(1024 ** 4, maxBytes)) - 8;
  }

  append(piece: string): void {
    if (this.head === null) {
      this.full += piece;
      if (this.full.length <= 4 * this.maxBytes) return;
      this.head = headOf(this.full, Math.ceil(this.room * 0.75));
      this.tail = this.full.slice(this.head.length);
      this.full = '';
    } else {
      this.tail += piece;
    }
    if (this.tail.length > 4 * this.maxBytes) this.trimTail(this.room - utf8Length(this.head));
  }

  private trimTail(maxBytes: number): void {
    const kept = tailOf(this.tail, maxBytes);
    this.cut += utf8Length(this.tail) - utf8Length(kept);
    this.tail = kept;
  }

  finish(): CappedText {
    if (this.head === null) return capLogText(this.full.trimEnd(), this.maxBytes);
    this.tail = this.tail.trimEnd();
    this.trimTail(this.room - utf8Length(this.head));
    return { text: `${this.head}${cutMarker(this.cut, this.maxBytes)}${this.tail}`, cutBytes: this.cut };
  }
}
