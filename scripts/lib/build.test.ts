import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_HASH_FILE, computeBuildHash, isBuildUpToDate } from './build';

let root: string;
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
};

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-build-test-'));
  write('app/page.tsx', 'export default 1');
  write('db/schema/a.ts', 'export {}');
  write('db/migrations/0000.sql', 'create table t (id int);');
  write('server/x.test.ts', 'test');
  write('next.config.mjs', 'export default {}');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('computeBuildHash', () => {
  it('changes with a page, a config file or a NEXT_PUBLIC_ variable', () => {
    const before = computeBuildHash(root, {});
    write('app/page.tsx', 'export default 2');
    const afterPage = computeBuildHash(root, {});
    expect(afterPage).not.toBe(before);
    write('next.config.mjs', 'export default { a: 1 }');
    expect(computeBuildHash(root, {})).not.toBe(afterPage);
    expect(computeBuildHash(root, { NEXT_PUBLIC_X: '1' })).not.toBe(computeBuildHash(root, {}));
  });

  it('ignores migrations, tests and other environment variables', () => {
    const before = computeBuildHash(root, {});
    write('db/migrations/0001.sql', 'alter table t add b int;');
    write('server/x.test.ts', 'changed');
    write('server/y.spec.tsx', 'new');
    expect(computeBuildHash(root, { BERTH_PORT: '1' })).toBe(before);
  });

  it("ignores the README's pictures, but not the console's other static files", () => {
    const before = computeBuildHash(root, {});
    write('public/screenshots/model.png', 'png bytes');
    expect(computeBuildHash(root, {})).toBe(before);
    write('public/logo.svg', '<svg/>');
    expect(computeBuildHash(root, {})).not.toBe(before);
  });

  it('tells file boundaries apart', () => {
    write('app/a', 'bc');
    const one = computeBuildHash(root, {});
    fs.rmSync(path.join(root, 'app/a'));
    write('app/ab', 'c');
    expect(computeBuildHash(root, {})).not.toBe(one);
  });
});

describe('isBuildUpToDate', () => {
  it('needs both BUILD_ID and the recorded hash', () => {
    const hash = computeBuildHash(root, {});
    write(BUILD_HASH_FILE, `${hash}\n`);
    expect(isBuildUpToDate(root, hash)).toBe(false);
    write('.next/BUILD_ID', 'x');
    expect(isBuildUpToDate(root, hash)).toBe(true);
    expect(isBuildUpToDate(root, 'other')).toBe(false);
  });
});
