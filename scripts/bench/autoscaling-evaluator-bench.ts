// Benchmark of the pure autoscaling evaluator, printed as figures (not a test): one evaluation
// round over 100 deployments, each with a CPU rule, a memory rule and a custom query rule on an
// hour of one-minute points. The scaler's own cost (reading the metrics) comes on top of this.
// Run: node node_modules/tsx/dist/cli.mjs scripts/bench/autoscaling-evaluator-bench.ts
import { evaluateAutoscaling, type EvaluationInput, type MetricPoint } from '@/server/domain/autoscaling-evaluator';
import type { AutoScalingPolicy, MetricExpressionRule } from '@/server/domain/oci-types';

const DEPLOYMENTS = Number(process.env.BENCH_DEPLOYMENTS ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const NOW = Date.UTC(2026, 11, 1, 12);
const threshold = (t: number) => ({ scalingConfigurationType: 'THRESHOLD' as const, threshold: t, pendingDuration: 'PT3M', instanceCountAdjustment: 1 });
const rules: MetricExpressionRule[] = [
  { metricExpressionRuleType: 'PREDEFINED_EXPRESSION', metricType: 'CPU_UTILIZATION', scaleInConfiguration: threshold(30), scaleOutConfiguration: threshold(70) },
  { metricExpressionRuleType: 'PREDEFINED_EXPRESSION', metricType: 'MEMORY_UTILIZATION', scaleInConfiguration: threshold(40), scaleOutConfiguration: threshold(80) },
  {
    metricExpressionRuleType: 'CUSTOM_EXPRESSION',
    scaleOutConfiguration: { scalingConfigurationType: 'QUERY', query: 'PredictRequestCount[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.sum() > 600' },
    scaleInConfiguration: { scalingConfigurationType: 'QUERY', query: 'PredictRequestCount[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.sum() < 60' },
  },
];
const policy: AutoScalingPolicy = {
  policyType: 'AUTOSCALING',
  coolDownInSeconds: 300,
  autoScalingPolicies: [{ autoScalingPolicyType: 'THRESHOLD', rules, minimumInstanceCount: 1, maximumInstanceCount: 10, initialInstanceCount: 2 }],
};
const hour = (seed: number): MetricPoint[] => Array.from({ length: 60 }, (_, i) => ({ timestamp: NOW - (59 - i) * 60_000, value: 50 + 45 * Math.sin(seed + i / 7) }));
const inputs: EvaluationInput[] = Array.from({ length: DEPLOYMENTS }, (_, d) => ({
  policy,
  series: rules.map((_, r) => ({ scaleOut: hour(d * 3 + r) })),
  currentInstanceCount: 2,
  lastScalingAt: d % 2 ? NOW - 60_000 : null,
  now: NOW,
}));

const actions = { SCALE_OUT: 0, SCALE_IN: 0, NONE: 0 };
for (const i of inputs) actions[evaluateAutoscaling(i).action]++; // warm-up
const started = process.hrtime.bigint();
for (let r = 0; r < ROUNDS; r++) for (const i of inputs) evaluateAutoscaling(i);
const perRoundMs = Number(process.hrtime.bigint() - started) / 1e6 / ROUNDS;
console.log(`autoscaling evaluator: ${DEPLOYMENTS} deployments x ${rules.length} rules x 60 points`);
console.log(`  one round: ${perRoundMs.toFixed(3)} ms (${((perRoundMs / DEPLOYMENTS) * 1000).toFixed(1)} us per deployment), over ${ROUNDS} rounds`);
console.log(`  decisions in a round: ${JSON.stringify(actions)}`);
