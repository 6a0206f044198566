import { z } from 'zod';
import type { PriceTable } from '@/server/domain/cost/price-table';

// A price table file named by BERTH_PRICE_TABLE, checked as the bundled one is shaped.

const price = (what: string) => z.number({ error: `${what} must be a number.` }).min(0, `${what} must not be negative.`);

export const priceTableSchema = z.strictObject({
  source: z.string({ error: 'source (where the prices come from) is required.' }).trim().min(1, 'source (where the prices come from) is required.'),
  asOf: z.string({ error: 'asOf is required.' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'asOf must be the date the prices were taken, as YYYY-MM-DD.'),
  currency: z.string({ error: 'currency is required.' }).regex(/^[A-Z]{3}$/, 'currency must be a three-letter code such as USD.'),
  hoursPerMonth: z.number({ error: 'hoursPerMonth must be a number.' }).min(1, 'hoursPerMonth must be at least 1.').max(744, 'hoursPerMonth must be at most 744.'),
  families: z.record(
    z.string(),
    z.strictObject({ ocpuHour: price('ocpuHour').optional(), memoryGbHour: price('memoryGbHour').optional(), gpuHour: price('gpuHour').optional() }),
    { error: 'families must map shape families to their prices.' },
  ),
  loadBalancer: z.strictObject({ baseHour: price('loadBalancer.baseHour'), mbpsHour: price('loadBalancer.mbpsHour') }, { error: 'loadBalancer needs baseHour and mbpsHour.' }),
}) satisfies z.ZodType<PriceTable>;
