import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '@/server/config';
import { OCI_PRICE_TABLE } from '@/server/domain/cost/oci-price-table';
import { priceTableFor, readPriceTable } from './prices';

// BERTH_PRICE_TABLE on real files: a valid table replaces the bundled one (and a change to the
// file is read), a broken one is named with what is wrong.

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-prices-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the price table', () => {
  it('is the bundled OCI list unless BERTH_PRICE_TABLE names a file', () => {
    expect(loadConfig({}).priceTablePath).toBeNull();
    expect(priceTableFor({ priceTablePath: null })).toEqual({ ok: true, table: OCI_PRICE_TABLE });
    const file = path.join(dir, 'prices.json');
    expect(loadConfig({ BERTH_PRICE_TABLE: file }).priceTablePath).toBe(file);
  });

  it('reads a file of the same shape, again when it changes', () => {
    const file = path.join(dir, 'prices.json');
    fs.writeFileSync(file, JSON.stringify({ ...OCI_PRICE_TABLE, asOf: '2030-01-01' }));
    const first = priceTableFor({ priceTablePath: file });
    expect(first.ok && first.table.asOf).toBe('2030-01-01');
    fs.writeFileSync(file, JSON.stringify({ ...OCI_PRICE_TABLE, asOf: '2031-02-03' }));
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const second = readPriceTable(file);
    expect(second.ok && second.table.asOf).toBe('2031-02-03');
  });

  it('names what is wrong with a broken or missing file', () => {
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ ...OCI_PRICE_TABLE, asOf: 'June', loadBalancer: { baseHour: -1, mbpsHour: 0 } }));
    const bad = readPriceTable(file);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toBe(
      `The price table ${file} is not valid: asOf: asOf must be the date the prices were taken, as YYYY-MM-DD.; loadBalancer.baseHour: loadBalancer.baseHour must not be negative.`,
    );
    fs.writeFileSync(path.join(dir, 'junk.json'), '{ nope');
    expect(readPriceTable(path.join(dir, 'junk.json'))).toMatchObject({ ok: false, error: expect.stringMatching(/is not JSON/) });
    expect(readPriceTable(path.join(dir, 'missing.json'))).toEqual({ ok: false, error: `BERTH_PRICE_TABLE names ${path.join(dir, 'missing.json')}, which cannot be read (ENOENT).` });
  });
});
