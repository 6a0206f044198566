import fs from 'node:fs';
import { OCI_PRICE_TABLE } from '@/server/domain/cost/oci-price-table';
import type { PriceTable } from '@/server/domain/cost/price-table';
import { priceTableSchema } from '@/server/validation/price-table';

// The price table the cost views use: the bundled OCI list prices, or the JSON file that
// BERTH_PRICE_TABLE names (read again when it changes, so new prices need no restart).

export type PriceTableOutcome = { ok: true; table: PriceTable } | { ok: false; error: string };

let cached: { file: string; mtimeMs: number; outcome: PriceTableOutcome } | null = null;

export function readPriceTable(file: string): PriceTableOutcome {
  let text: string;
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
    if (cached && cached.file === file && cached.mtimeMs === mtimeMs) return cached.outcome;
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    return { ok: false, error: `BERTH_PRICE_TABLE names ${file}, which cannot be read (${(cause as NodeJS.ErrnoException).code ?? String(cause)}).` };
  }
  let outcome: PriceTableOutcome;
  try {
    const parsed = priceTableSchema.safeParse(JSON.parse(text));
    outcome = parsed.success
      ? { ok: true, table: parsed.data }
      : { ok: false, error: `The price table ${file} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}` };
  } catch (cause) {
    outcome = { ok: false, error: `The price table ${file} is not JSON: ${(cause as Error).message}` };
  }
  cached = { file, mtimeMs, outcome };
  return outcome;
}

export function priceTableFor(config: { priceTablePath: string | null }): PriceTableOutcome {
  return config.priceTablePath === null ? { ok: true, table: OCI_PRICE_TABLE } : readPriceTable(config.priceTablePath);
}
