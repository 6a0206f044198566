import { describe, expect, it } from 'vitest';
import { capLogText, CappedTextBuilder, LOG_RECORD_MAX_BYTES, utf8Length } from './log-cap';

describe('capLogText', () => {
  it('keeps short text as it is', () => {
    expect(capLogText('INFO model loaded')).toEqual({ text: 'INFO model loaded', cutBytes: 0 });
    const exact = 'x'.repeat(LOG_RECORD_MAX_BYTES);
    expect(capLogText(exact)).toEqual({ text: exact, cutBytes: 0 });
  });

  it('caps a 9 MB echoed body at 16 KB with head, marker and tail', () => {
    const body = `{"instances": [${'1, '.repeat(3_000_000)}2]}`;
    const { text, cutBytes } = capLogText(body);
    expect(utf8Length(text)).toBeLessThanOrEqual(LOG_RECORD_MAX_BYTES);
    expect(text.startsWith('{"instances": [1, 1,')).toBe(true);
    expect(text.endsWith('1, 2]}')).toBe(true);
    expect(text).toMatch(/… \[8\.\d MB cut: log records are kept up to 16 KB\] …/);
    expect(cutBytes).toBe(utf8Length(body) - utf8Length(text.replace(/ … \[.*?\] … /, '')));
  });

  it('counts UTF-8 bytes and never splits a character', () => {
    const text = 'é😀'.repeat(10_000);
    const capped = capLogText(text, 1000);
    expect(utf8Length(capped.text)).toBeLessThanOrEqual(1000);
    expect(capped.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(capped.text).not.toMatch(/(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(capped.cutBytes).toBeGreaterThan(59_000);
  });

  it('keeps only the head when the line was already cut while arriving', () => {
    const capped = capLogText('a'.repeat(20_000), 4096, 9_000_000);
    expect(capped.text.startsWith('aaaa')).toBe(true);
    expect(capped.text).toMatch(/\[8\.6 MB cut/);
    expect(capped.text.endsWith(']')).toBe(false);
    expect(capped.text.endsWith('…')).toBe(true);
    expect(utf8Length(capped.text)).toBeLessThanOrEqual(4096);
  });

  it('marks text that was cut only while arriving, even when what reached it is short', () => {
    const capped = capLogText('short head', 4096, 100);
    expect(capped.text).toBe('short head … [100 B cut: log records are kept up to 4 KB] …');
    expect(capped.cutBytes).toBe(100);
  });

  it('stays within the cap whatever the size of the cut, marker included', () => {
    for (const max of [256, 1000, 4096, LOG_RECORD_MAX_BYTES]) {
      for (const size of [max + 1, max * 2, 1024 * 1024 + 7, 1_048_000, 3 * 1024 * 1024]) {
        const capped = capLogText('ab c'.repeat(Math.ceil(size / 4)).slice(0, size), max);
        expect(utf8Length(capped.text), `${size} bytes capped at ${max}`).toBeLessThanOrEqual(max);
      }
    }
  });
});

describe('CappedTextBuilder', () => {
  it('keeps a short text whole and a long one as head, marker and tail within the cap', () => {
    const short = new CappedTextBuilder(1000);
    short.append('line one');
    short.append('\nline two  ');
    expect(short.finish()).toEqual({ text: 'line one\nline two', cutBytes: 0 });

    const long = new CappedTextBuilder(1000);
    long.append('first line');
    for (let i = 0; i < 5000; i++) long.append(`\n  frame ${i}`);
    long.append('\nValueError: last line');
    const { text, cutBytes } = long.finish();
    expect(utf8Length(text)).toBeLessThanOrEqual(1000);
    expect(text.startsWith('first line\n  frame 0')).toBe(true);
    expect(text.endsWith('ValueError: last line')).toBe(true);
    expect(cutBytes).toBeGreaterThan(50_000);
  });
});
