import { describe, expect, it } from 'vitest';
import { logExcerpt } from './log-excerpt';

describe('logExcerpt', () => {
  it('picks the last traceback, with the line that says what failed', () => {
    const log = [
      '[INFO] Booting worker with pid: 7',
      'ERROR berth.model_server: Loading the model failed: ValueError: first',
      'Traceback (most recent call last):',
      '  File "score.py", line 3, in load_model',
      'ValueError: first',
      'ERROR berth.model_server: Loading the model failed: KeyError: \'weights\'',
      'Traceback (most recent call last):',
      '  File "score.py", line 9, in load_model',
      "    return d['weights']",
      "KeyError: 'weights'",
      '[INFO] Booting worker with pid: 8',
    ].join('\n');
    expect(logExcerpt(log)).toBe(
      ["ERROR berth.model_server: Loading the model failed: KeyError: 'weights'", 'Traceback (most recent call last):', '  File "score.py", line 9, in load_model', "    return d['weights']", "KeyError: 'weights'"].join('\n'),
    );
  });

  it('keeps the head and the end of a long traceback', () => {
    const frames = Array.from({ length: 40 }, (_, i) => `  File "m${i}.py", line ${i}`);
    const out = logExcerpt(['Traceback (most recent call last):', ...frames, 'RecursionError: too deep'].join('\n'), 10)?.split('\n') ?? [];
    expect(out).toHaveLength(10);
    expect(out[0]).toBe('Traceback (most recent call last):');
    expect(out[2]).toBe('  …');
    expect(out.at(-1)).toBe('RecursionError: too deep');
  });

  it('falls back on the last lines, and is null for no output', () => {
    expect(logExcerpt('a\nb\nc\n', 2)).toBe('b\nc');
    expect(logExcerpt('\n\n')).toBeNull();
  });
});
