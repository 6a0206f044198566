import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { NewPasswordForm } from '@/components/auth/new-password-form';
import { getUserRow } from '@/db/queries/users';
import { getAppContext } from '@/server/services/context';
import { MIN_PASSWORD_LENGTH } from '@/server/validation/identity';

export const metadata: Metadata = { title: 'Choose a password' };
export const dynamic = 'force-dynamic';

/** Where a first-run or reset link lands: signed in, without a password yet. */
export default async function NewPasswordPage() {
  const ctx = getAppContext();
  const principal = await ctx.principal();
  if (!principal) redirect('/sign-in');
  // A password someone chose is changed on the Account page, with the current one.
  if (getUserRow(ctx.db, principal.userId)?.passwordHash) redirect('/account');
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 p-6">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-1 text-xl font-semibold text-slate-900">Choose a password</h1>
        <p className="mb-5 text-sm text-slate-600">
          You are signed in as <strong>{principal.userName}</strong> with a one-time link. Choose the password you will sign in with from now on.
        </p>
        <NewPasswordForm minLength={MIN_PASSWORD_LENGTH} />
      </div>
    </main>
  );
}
