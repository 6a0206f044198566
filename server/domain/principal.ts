import type { Grant } from './iam';

/** Who is asking, with what they are granted: resolved once per request from a session or a signed key. */
export interface Principal {
  userId: string;
  userName: string;
  tenancyId: string;
  groupNames: string[];
  grants: Grant[];
  via: 'session' | 'api-key';
  /** The caller's address and the request's id, for the audit log. */
  address: string;
  requestId: string;
}
