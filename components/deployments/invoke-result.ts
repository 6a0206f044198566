/** What POST /api/model-deployments/<id>/invoke answers when the predict endpoint was reached. */
export interface InvokeResult {
  /** The predict endpoint's HTTP status. */
  status: number;
  latencyMs: number;
  headers: { 'opc-request-id'?: string; 'content-type'?: string; 'x-berth-fault'?: string };
  /** Parsed JSON when the answer is JSON, else its text. */
  body: unknown;
}
