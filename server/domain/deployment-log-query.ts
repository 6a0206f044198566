import { quoted } from './log-query';
import type { CategoryLogDetails } from './oci-types';
import { LOG_TYPES, type LogCategoryName } from './oci-log-records';

// The OCI Logging search a deployment's Logs tab asks: the logs its categoryLogDetails name (in
// its compartment), the levels and text as a where clause, newest first. Pure, so the query the
// provider sends is tested against the parser Berth's own Logging search answers with.

export const HOW_TO_ENABLE_LOGGING =
  'This deployment sends no logs to OCI Logging, so there is nothing to search. To see its access and predict logs here, create a log group with two custom logs in OCI Logging (Observability & Management → Logging → Log groups), then edit the deployment and choose them under Logging (access and predict logs; a deployment that is Active takes this change on its own). Records appear for requests made after that.';

export interface DeploymentLogFilters {
  categories?: readonly LogCategoryName[];
  levels?: readonly string[];
  text?: string;
}

/** The searchQuery, or null when none of the categories asked for has a log. */
export function deploymentLogQuery(md: { compartmentId: string; categoryLogDetails?: CategoryLogDetails | null }, f: DeploymentLogFilters): string | null {
  const wanted = f.categories && f.categories.length > 0 ? f.categories : (['access', 'predict'] as const);
  const sources = wanted.flatMap((c) => {
    const log = md.categoryLogDetails?.[c];
    return log ? [`"${md.compartmentId}/${log.logGroupId}/${log.logId}"`] : [];
  });
  if (sources.length === 0) return null;
  const where: string[] = [];
  // One log may hold both categories (a shared logId): the record's type tells them apart.
  if (wanted.length === 1 && wanted[0]) where.push(`type = ${quoted(LOG_TYPES[wanted[0]])}`);
  if (f.levels && f.levels.length > 0) where.push(`data.level in (${f.levels.map(quoted).join(', ')})`);
  const text = f.text?.trim();
  // `*` is the query language's wildcard: the text's own stars stay wildcards, which is what they mean there.
  if (text) where.push(`data.message = ${quoted(`*${text}*`)}`);
  return `search ${[...new Set(sources)].join(', ')}${where.length ? ` | where ${where.join(' and ')}` : ''} | sort by datetime desc`;
}
