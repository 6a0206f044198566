import { Badge } from '@/components/ui/badge';
import type { ChangeRow } from './change-labels';

/** Field, current value, new value: what an update will change, cleared values marked as such. */
export function DiffTable({ rows, caption, columns = ['Current', 'New'] }: { rows: readonly ChangeRow[]; caption: string; columns?: readonly [string, string] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-gray-200 bg-gray-50">
          <tr>
            <th scope="col" className="h-8 px-3 text-xs font-semibold text-gray-600">
              Field
            </th>
            <th scope="col" className="h-8 px-3 text-xs font-semibold text-gray-600">
              {columns[0]}
            </th>
            <th scope="col" className="h-8 px-3 text-xs font-semibold text-gray-600">
              {columns[1]}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {rows.map((r) => (
            <tr key={r.path}>
              <th scope="row" className="px-3 py-2 font-medium whitespace-nowrap text-gray-800">
                {r.label}
              </th>
              <td className="px-3 py-2 break-all text-gray-600">
                <del className="no-underline">{r.before}</del>
              </td>
              <td className="px-3 py-2 break-all text-gray-900">
                <span className="inline-flex flex-wrap items-center gap-1.5">
                  <ins className="no-underline">{r.after}</ins>
                  {r.kind === 'cleared' && <Badge tone="warning">Cleared</Badge>}
                  {r.kind === 'removed' && <Badge tone="warning">Removed</Badge>}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
