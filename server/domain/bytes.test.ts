import { describe, expect, it } from 'vitest';
import { formatBytes } from './bytes';

describe('formatBytes', () => {
  it('says bytes below 1 KB as they are', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1023)).toBe('1023 B');
  });

  it('uses binary units with one decimal at most, as OCI states its limits', () => {
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(16 * 1024)).toBe('16 KB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatBytes(8.6 * 1024 * 1024)).toBe('8.6 MB');
    expect(formatBytes(12.34 * 1024 ** 3)).toBe('12.3 GB');
    expect(formatBytes(3 * 1024 ** 4)).toBe('3 TB');
  });

  it('moves to the next unit when rounding reaches 1024', () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe('1 MB');
    expect(formatBytes(1024 ** 3 - 10)).toBe('1 GB');
  });

  it('keeps the sign of a negative size (room already overspent)', () => {
    expect(formatBytes(-1536)).toBe('-1.5 KB');
  });
});
