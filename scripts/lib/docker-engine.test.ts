import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dockerdArgs } from './docker-engine';

const dirs: string[] = [];
const configFile = (text: string | null) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-daemon-json-'));
  dirs.push(dir);
  const file = path.join(dir, 'daemon.json');
  if (text !== null) fs.writeFileSync(file, text);
  return file;
};

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const off = { BERTH_DOCKER_USERLAND_PROXY: 'false' };

describe('the flags of the dockerd Berth starts', () => {
  it("keeps Docker's userland proxy unless told otherwise", () => {
    expect(dockerdArgs(configFile(null), {})).toEqual([]);
    expect(dockerdArgs(configFile(null), { BERTH_DOCKER_USERLAND_PROXY: 'true' })).toEqual([]);
  });

  it('turns the userland proxy off when asked, where the machine has no configuration file', () => {
    expect(dockerdArgs(configFile(null), off)).toEqual(['--userland-proxy=false']);
  });

  it('turns it off beside other settings of daemon.json', () => {
    expect(dockerdArgs(configFile('{"log-driver": "json-file"}'), off)).toEqual(['--userland-proxy=false']);
  });

  it("leaves the proxy to daemon.json where it says, either way (dockerd refuses a flag that repeats a key)", () => {
    expect(dockerdArgs(configFile('{"userland-proxy": true}'), off)).toEqual([]);
    expect(dockerdArgs(configFile('{"userland-proxy": false}'), off)).toEqual([]);
  });
});
