import type { Metadata } from 'next';
import { ApiKeysPanel } from '@/components/account/api-keys-panel';
import { PageHeader } from '@/components/ui/page-header';
import { requirePagePrincipal } from '@/server/auth/require-principal';
import { getAppContext } from '@/server/services/context';
import { apiKeysPage } from '@/server/services/identity/api-keys';

export const metadata: Metadata = { title: 'API keys' };
export const dynamic = 'force-dynamic';

export default async function ApiKeysPage() {
  const principal = await requirePagePrincipal();
  const data = apiKeysPage(getAppContext(), principal);
  return (
    <div className="flex flex-col gap-2">
      <PageHeader
        title="API keys"
        breadcrumbs={[{ label: 'Account', href: '/account' }, { label: 'API keys' }]}
        description={`API signing keys for ${principal.userName}, as OCI has them: the OCI SDK and CLI sign requests with the private key, Berth checks them with the public key named by its fingerprint.`}
      />
      <ApiKeysPanel keys={data.keys} max={data.max} profile={data.profile} />
    </div>
  );
}
