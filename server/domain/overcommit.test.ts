import { describe, expect, it } from 'vitest';
import { overcommitText } from './overcommit';

describe('overcommitText', () => {
  it('is silent while the reservations fit', () => {
    expect(overcommitText('cpu', 2, 2)).toBeNull();
    expect(overcommitText('memory', 1, 8)).toBeNull();
    expect(overcommitText('cpu', 1, 0)).toBeNull();
  });

  it('says by how much the host is overcommitted', () => {
    expect(overcommitText('cpu', 3, 2)).toBe(
      "Overcommitted: 150% of the host's CPUs are reserved, 1 CPU more than it has. Instances share the CPUs and each gets less than its shape under load.",
    );
    expect(overcommitText('memory', 1.19 * 16 * 1024 ** 3, 16 * 1024 ** 3)).toMatch(/^Overcommitted: 119% of the host's memory is reserved, 3 GB more than it has\./);
    expect(overcommitText('memory', 1.5 * 1024 ** 3, 1024 ** 3)).toMatch(/512 MB more/);
  });
});
