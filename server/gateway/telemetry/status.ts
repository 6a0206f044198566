/** OCI's statusFamily dimension: 200 -> '2XX'. */
export function statusFamily(status: number): string {
  return `${Math.floor(status / 100)}XX`;
}

/** OCI's result dimension: a status under 400 is a success. */
export const resultOf = (status: number): 'Success' | 'Failure' => (status < 400 ? 'Success' : 'Failure');
