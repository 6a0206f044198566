import { describe, expect, it } from 'vitest';
import { deploymentLogQuery } from './deployment-log-query';
import { matchesCondition, parseLogQuery, quoted } from './log-query';
import { fromSearchResult, logsOfSource, toSearchResult, type LoggedDeployment } from './oci-log-records';

// The query language a deployment's Logs tab sends OCI Logging and Berth's Logging search
// answers, and how a deployment's records map to logs and back.

const C = 'ocid1.compartment.oc1..aaaaaaaac';
const G = 'ocid1.loggroup.oc1.test.aaaaaaaag';
const A = 'ocid1.log.oc1.test.aaaaaaaaa';
const P = 'ocid1.log.oc1.test.aaaaaaaap';
const MD = 'ocid1.datasciencemodeldeployment.oc1.test.aaaaaaaamd';

const parsed = (q: string) => {
  const r = parseLogQuery(q);
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
};
const refusal = (q: string) => {
  const r = parseLogQuery(q);
  return r.ok ? null : r.error.message;
};

describe('parseLogQuery', () => {
  it('reads sources, where and sort', () => {
    expect(parsed(`search "${C}/${G}/${A}", "${C}/${G}" | where data.level in ('ERROR', 'CRITICAL') and (data.message = '*boom*' or type != 'x') | sort by datetime asc`)).toEqual({
      sources: [{ compartmentId: C, logGroupId: G, logId: A }, { compartmentId: C, logGroupId: G }],
      where: {
        kind: 'and',
        left: { kind: 'in', field: 'data.level', values: ['ERROR', 'CRITICAL'] },
        right: { kind: 'or', left: { kind: 'eq', field: 'data.message', value: '*boom*', negate: false }, right: { kind: 'eq', field: 'type', value: 'x', negate: true } },
      },
      order: 'asc',
    });
    expect(parsed(`search "${C}"`)).toEqual({ sources: [{ compartmentId: C }], where: null, order: 'desc' });
  });

  it('refuses what it does not answer, naming it', () => {
    expect(refusal('"x"')).toBe('searchQuery: it must begin with search "<compartment>/<log group>/<log>".');
    expect(refusal(`search "${C}" | stats count`)).toBe('searchQuery: "stats" after | is not a command Berth answers (where, sort).');
    expect(refusal(`search "${C}" | sort by level`)).toBe('searchQuery: results can be sorted by datetime only.');
    expect(refusal(`search "${C}/a/b/c"`)).toBe(`searchQuery: "${C}/a/b/c" is not <compartment>[/<log group>[/<log>]].`);
    const at = `search "${C}" | where data.level `.length + 1;
    expect(refusal(`search "${C}" | where data.level > 'x'`)).toBe(`searchQuery: ">" at ${at} is not part of the query language Berth answers.`);
    expect(refusal(`search "${C}" | where (data.level = 'x'`)).toBe('searchQuery: a parenthesis is not closed.');
    expect(refusal(`search "${C}" | where data.message = 'open`)).toMatch(/^searchQuery: a string opened at \d+ is not closed\.$/);
  });

  it('matches with * as a wildcard, ignoring case, and quotes what it writes', () => {
    const w = parsed(`search "${C}" | where data.message = '*Predict 5*'`).where!;
    expect(matchesCondition(w, { data: { message: 'POST /predict 500' } })).toBe(true);
    expect(matchesCondition(w, { data: { message: 'POST /predict 200' } })).toBe(false);
    expect(matchesCondition(w, { data: {} })).toBe(false);
    const q = parsed(`search "${C}" | where data.message = ${quoted("it's a \\ test")}`).where!;
    expect(matchesCondition(q, { data: { message: "it's a \\ test" } })).toBe(true);
  });
});

describe('a deployment’s logs', () => {
  const md = { compartmentId: C, categoryLogDetails: { access: { logGroupId: G, logId: A }, predict: { logGroupId: G, logId: P } } };

  it('asks for the logs its categoryLogDetails name, with levels and text, newest first', () => {
    const q = deploymentLogQuery(md, { levels: ['ERROR', 'CRITICAL'], text: "o'k" });
    expect(q).toBe(`search "${C}/${G}/${A}", "${C}/${G}/${P}" | where data.level in ('ERROR', 'CRITICAL') and data.message = '*o\\'k*' | sort by datetime desc`);
    // The query it sends is one Berth's own search reads back.
    expect(parsed(q!).sources).toHaveLength(2);
    expect(deploymentLogQuery(md, { categories: ['access'] })).toBe(`search "${C}/${G}/${A}" | where type = 'com.oraclecloud.datascience.modeldeployment.access' | sort by datetime desc`);
  });

  it('has no query without logs for the categories asked', () => {
    expect(deploymentLogQuery({ compartmentId: C }, {})).toBeNull();
    expect(deploymentLogQuery({ compartmentId: C, categoryLogDetails: { access: { logGroupId: G, logId: A } } }, { categories: ['predict'] })).toBeNull();
  });

  it('maps sources to the deployments that write there, and a record there and back', () => {
    const ds: LoggedDeployment[] = [
      { id: MD, ...md },
      { id: `${MD}2`, compartmentId: C, categoryLogDetails: null },
      { id: `${MD}3`, compartmentId: 'ocid1.compartment.oc1..other', categoryLogDetails: md.categoryLogDetails },
    ];
    expect(logsOfSource(ds, { compartmentId: C }).map((l) => [l.deployment.id, l.category])).toEqual([
      [MD, 'access'],
      [MD, 'predict'],
    ]);
    expect(logsOfSource(ds, { compartmentId: C, logGroupId: G, logId: P }).map((l) => l.category)).toEqual(['predict']);
    expect(logsOfSource(ds, { compartmentId: C, logGroupId: 'ocid1.loggroup.oc1.test.other' })).toEqual([]);

    const record = { id: 7, category: 'access' as const, instanceId: 'i-1', level: 'ERROR', message: 'POST /predict 500', data: { status: 500, requestId: 'r' }, timestamp: 1_700_000_000_000 };
    const result = toSearchResult(record, { deploymentId: MD, compartmentId: C, logGroupId: G, logId: A, tenancyId: 'ocid1.tenancy.oc1..t' });
    expect(result.logContent).toMatchObject({ id: `${A}.7`, source: MD, type: 'com.oraclecloud.datascience.modeldeployment.access', time: '2023-11-14T22:13:20.000Z', oracle: { logid: A, loggroupid: G } });
    expect(fromSearchResult(JSON.parse(JSON.stringify(result)), 1)).toEqual({ ...record, id: 1 });
    // A record of a log another service wrote: what can be read of it, the rest as it came.
    expect(fromSearchResult({ datetime: 5, logContent: { type: 'custom', data: { msg: 'x' } } }, 2)).toEqual({ id: 2, category: 'predict', instanceId: null, level: 'INFO', message: '{"msg":"x"}', data: { msg: 'x' }, timestamp: 5 });
  });
});
