import { describe, expect, it } from 'vitest';
import { relativizePaths } from './data-paths';

const dir = '/home/me/berth/.data';

describe('relativizePaths', () => {
  it('writes paths under the data directory relative to it', () => {
    expect(relativizePaths(`Artifact unpacked at ${dir}/artifacts/ocid1.datasciencemodel.oc1.local.aaaa/v1, mounted read-only (0.1 s).`, dir)).toBe(
      'Artifact unpacked at artifacts/ocid1.datasciencemodel.oc1.local.aaaa/v1, mounted read-only (0.1 s).',
    );
  });

  it('names the directory itself, at the end of a sentence too', () => {
    expect(relativizePaths(`The quota of ${dir} is full.`, dir)).toBe('The quota of the data directory is full.');
    expect(relativizePaths(`Data in ${dir}`, `${dir}/`)).toBe('Data in the data directory');
  });

  it('leaves other paths and look-alike prefixes alone', () => {
    expect(relativizePaths('/etc/hosts and /home/me/berth/.database/x', dir)).toBe('/etc/hosts and /home/me/berth/.database/x');
    expect(relativizePaths('no paths here', dir)).toBe('no paths here');
  });

  it('treats the directory name literally, not as a pattern', () => {
    expect(relativizePaths('/tmp/a+b/x and /tmp/aab/x', '/tmp/a+b')).toBe('x and /tmp/aab/x');
  });
});
