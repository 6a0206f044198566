import type { Db } from '@/db/client';
import { listGroupedMeans } from '@/db/queries/scaling-events';
import { parseAlarmExpression, withResourceId, type ComparisonOperator } from '@/server/domain/alarm-expression';
import { DEFAULT_PENDING_SECONDS, seriesQueries, type MetricPoint, type RuleSeries } from '@/server/domain/autoscaling-evaluator';
import { parseIsoDurationSeconds } from '@/server/domain/iso-duration';
import type { MetricExpressionRule, ScalingConfiguration } from '@/server/domain/oci-types';
import { MODEL_DEPLOY_NAMESPACE } from '@/db/queries/metric-points';
import { summarizeMetricsData } from '@/db/queries/metrics';

// The series the autoscaling evaluator judges a deployment's rules on, read from metric_points,
// the table the charts read. A predefined rule reads the instances' mean per stored sample, at the
// resolution the sampler wrote (one minute by default, finer when BERTH_INSTANCE_STATS_INTERVAL_S
// is lowered), so a short pending duration can be seen; a custom rule runs its own query.

const PREDEFINED_METRICS = { CPU_UTILIZATION: 'CpuUtilization', MEMORY_UTILIZATION: 'MemoryUtilization' } as const;

/** Enough history for the longest pending duration, plus slack for the newest point's lag. */
function lookbackMs(rules: readonly MetricExpressionRule[]): number {
  const pending = (c: ScalingConfiguration) => (c.pendingDuration ? (parseIsoDurationSeconds(c.pendingDuration) ?? DEFAULT_PENDING_SECONDS) : DEFAULT_PENDING_SECONDS);
  const longest = Math.max(DEFAULT_PENDING_SECONDS, ...rules.flatMap((r) => [pending(r.scaleOutConfiguration), pending(r.scaleInConfiguration)]));
  return (longest + 5 * 60) * 1000;
}

/**
 * Without grouping() a query gives one series per instance; like a Monitoring alarm, the condition
 * holds when any stream breaches, so each timestamp takes the value furthest on the breaching side.
 */
function combine(series: { timestamp: string; value: number }[][], op: ComparisonOperator): MetricPoint[] {
  const pick = op.startsWith('<') ? Math.min : Math.max;
  const byTime = new Map<number, number>();
  for (const s of series) {
    for (const p of s) {
      const t = Date.parse(p.timestamp);
      const seen = byTime.get(t);
      byTime.set(t, seen === undefined ? p.value : pick(seen, p.value));
    }
  }
  return [...byTime.entries()].sort(([a], [b]) => a - b).map(([timestamp, value]) => ({ timestamp, value }));
}

/** A query's series (an alarm's, a custom rule's), any stream breaching at a time counting for it. */
export async function customSeries(db: Db, query: string, resourceId: string, since: number, now: number): Promise<MetricPoint[]> {
  const parsed = parseAlarmExpression(withResourceId(query, resourceId));
  if (!parsed.ok) return [];
  const data = await summarizeMetricsData(db, { namespace: MODEL_DEPLOY_NAMESPACE, query: parsed.data.metricQuery, startTime: since, endTime: now }, now);
  return data.ok ? combine(data.data.map((d) => d.aggregatedDatapoints), parsed.data.op) : [];
}

/** One entry per rule, index-aligned with the policy's rules, as evaluateAutoscaling takes them. */
export async function readRuleSeries(db: Db, rules: readonly MetricExpressionRule[], resourceId: string, now: number): Promise<RuleSeries[]> {
  const since = now - lookbackMs(rules);
  const out: RuleSeries[] = [];
  for (const rule of rules) {
    if (rule.metricExpressionRuleType === 'PREDEFINED_EXPRESSION') {
      const name = PREDEFINED_METRICS[rule.metricType ?? 'CPU_UTILIZATION'];
      const points = listGroupedMeans(db, { resourceId, name, namespace: MODEL_DEPLOY_NAMESPACE, since, until: now });
      out.push({ scaleOut: points });
      continue;
    }
    if (!seriesQueries(rule, resourceId)) {
      out.push({ scaleOut: [] });
      continue;
    }
    const scaleOut = await customSeries(db, rule.scaleOutConfiguration.query ?? '', resourceId, since, now);
    const scaleIn = await customSeries(db, rule.scaleInConfiguration.query ?? '', resourceId, since, now);
    out.push({ scaleOut, scaleIn });
  }
  return out;
}
