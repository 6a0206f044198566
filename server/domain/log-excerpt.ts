// The part of a container's output that shows why it failed: the last Python traceback when there
// is one (score.py's import or load_model() error), otherwise the last lines it printed.

const MAX_LINES = 20;
const MAX_CHARS = 2000;

export function logExcerpt(log: string, maxLines = MAX_LINES): string | null {
  const lines = log.replace(/\r\n/g, '\n').split('\n').map((l) => l.trimEnd());
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return null;
  const start = lines.findLastIndex((l) => l.includes('Traceback (most recent call last):'));
  let picked: string[];
  if (start >= 0) {
    // The traceback runs to its exception line: the first unindented line after the frames.
    let end = start + 1;
    while (end < lines.length && (/^\s/.test(lines[end] ?? '') || lines[end] === '')) end++;
    // The line before says what failed ("Loading the model failed: ...") in the model server's log.
    const from = start > 0 && /failed|error/i.test(lines[start - 1] ?? '') ? start - 1 : start;
    picked = lines.slice(from, Math.min(end + 1, lines.length));
    // A long traceback keeps its head and its end, where the exception is.
    if (picked.length > maxLines) picked = [...picked.slice(0, 2), '  …', ...picked.slice(-(maxLines - 3))];
  } else {
    picked = lines.slice(-maxLines);
  }
  const text = picked.join('\n');
  return text.length > MAX_CHARS ? `…${text.slice(-MAX_CHARS)}` : text;
}
