import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { getAppContext } from '@/server/services/context';
import { signInSchema } from '@/server/validation/identity';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[]>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).next;
  const next = signInSchema.shape.next.parse(typeof raw === 'string' ? raw : undefined);
  if (await getAppContext().principal()) redirect(next ?? '/');
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 p-6">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-1 text-xl font-semibold text-slate-900">Sign in to Berth</h1>
        <p className="mb-5 text-sm text-slate-600">
          The administrator&apos;s first sign-in uses the link `npm start` printed. A forgotten password is reset with{' '}
          <code className="rounded bg-slate-100 px-1">npm run reset-admin</code> on this machine.
        </p>
        <SignInForm next={next} />
      </div>
    </main>
  );
}
