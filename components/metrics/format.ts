import type { ChartUnit } from '@/server/domain/chart-series';

export function formatValue(value: number, unit: ChartUnit): string {
  switch (unit) {
    case 'percent':
      return `${Math.round(value * 10) / 10}%`;
    case 'ms':
      return `${Math.round(value * 10) / 10} ms`;
    case 'bytesPerSecond': {
      const units = ['B/s', 'KB/s', 'MB/s', 'GB/s'];
      let v = value;
      let i = 0;
      while (Math.abs(v) >= 1024 && i < units.length - 1) {
        v /= 1024;
        i += 1;
      }
      return `${Math.round(v * 10) / 10} ${units[i]}`;
    }
    case 'count':
      return `${Math.round(value * 100) / 100}`;
  }
}

export function formatTick(t: number, spanMs: number): string {
  const d = new Date(t);
  if (spanMs > 24 * 3600_000) return d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}
