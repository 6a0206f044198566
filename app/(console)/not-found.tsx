import Link from 'next/link';

// One page for what does not exist and what the user may not see: as OCI answers both with
// NotAuthorizedOrNotFound, the console never tells them apart.
export default function ConsoleNotFound() {
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-2 rounded-lg border border-gray-200 bg-white p-6">
      <h1 className="text-lg font-semibold text-gray-900">Not found</h1>
      <p className="text-sm text-gray-700">There is nothing at this address that you can see: it does not exist, it was deleted, or you are not authorized to see it.</p>
      <p className="text-sm">
        <Link href="/projects" className="text-accent-700 hover:underline">
          Go to projects
        </Link>
      </p>
    </div>
  );
}
