import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { SignOutButtons } from '@/components/account/sign-out-buttons';
import { FormattedTime } from '@/components/formatted-time';
import { CopyButton } from '@/components/ui/copy-button';
import { KeyValue } from '@/components/ui/key-value';
import { PageHeader } from '@/components/ui/page-header';
import { requirePagePrincipal } from '@/server/auth/require-principal';
import { getAppContext } from '@/server/services/context';
import { accountView } from '@/server/services/identity/account';
import { MIN_PASSWORD_LENGTH } from '@/server/validation/identity';

export const metadata: Metadata = { title: 'Account' };
export const dynamic = 'force-dynamic';

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `account-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4">
      <h2 id={id} className="text-base font-semibold text-gray-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function AccountPage() {
  const principal = await requirePagePrincipal();
  const view = accountView(getAppContext().db, principal);
  if (!view) return <PageHeader title="Account" description="This user no longer exists." />;
  return (
    <div className="flex max-w-3xl flex-col gap-5">
      <PageHeader title="Account" description="Who you are signed in as, your password and your sessions." />
      <Section title="User">
        <KeyValue
          columns={1}
          items={[
            { label: 'Name', value: view.userName },
            {
              label: 'OCID',
              value: (
                <span className="flex flex-wrap items-center gap-2">
                  <code className="font-mono text-xs break-all">{view.userId}</code>
                  <CopyButton text={view.userId} label="Copy user OCID" />
                </span>
              ),
            },
            { label: 'Groups', value: view.groupNames.join(', ') || 'None' },
            { label: 'Email', value: view.email },
            { label: 'Last sign-in', value: view.timeLastSignIn ? <FormattedTime iso={view.timeLastSignIn} /> : null },
            { label: 'Password changed', value: view.timePasswordChanged ? <FormattedTime iso={view.timePasswordChanged} /> : null },
          ]}
        />
      </Section>
      <Section title="Change password">
        <ChangePasswordForm minLength={MIN_PASSWORD_LENGTH} />
      </Section>
      <Section title="Sessions">
        <SignOutButtons sessions={view.sessions} />
      </Section>
    </div>
  );
}
