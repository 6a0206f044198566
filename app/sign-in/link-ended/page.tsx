import type { Metadata } from 'next';
import Link from 'next/link';
import { SIGN_IN_LINK_MINUTES } from '@/server/services/identity/sign-in-links';
import { linkEndedQuerySchema } from '@/server/validation/identity';

export const metadata: Metadata = { title: 'Sign-in link ended' };
export const dynamic = 'force-dynamic';

const WHY = {
  expired: {
    title: 'This sign-in link has expired',
    text: `A link works for ${SIGN_IN_LINK_MINUTES} minutes, and only the newest one printed works.`,
  },
  used: { title: 'This sign-in link was already used', text: 'Each link signs in once.' },
  unknown: { title: 'This sign-in link is not valid', text: 'It may be incomplete: copy the whole link from the terminal.' },
} as const;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LinkEndedPage({ searchParams }: { searchParams: SearchParams }) {
  const { reason } = linkEndedQuerySchema.parse(await searchParams);
  const why = WHY[reason];
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 p-6">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-2 text-xl font-semibold text-slate-900">{why.title}</h1>
        <p className="mb-4 text-sm text-slate-700">{why.text}</p>
        <h2 className="mb-1 text-sm font-semibold text-slate-900">To get a new link</h2>
        <p className="mb-4 text-sm text-slate-700">
          On the machine Berth runs on, run <code className="rounded bg-slate-100 px-1">npm run reset-admin</code> in the Berth folder: it prints
          a new one-time link for the administrator (and clears the administrator&apos;s password until the link sets a new one). While the
          administrator has no password, restarting <code className="rounded bg-slate-100 px-1">npm start</code> prints a new link too.
        </p>
        <Link href="/sign-in" className="focus-ring rounded-sm text-sm text-accent-700 hover:underline">
          Sign in with a password
        </Link>
      </div>
    </main>
  );
}
