import { openDatabase } from '@/db/client';
import { readInstallation } from '@/db/seed';
import { firstRunLink, resetAdministrator } from '@/server/services/identity/administrator';
import { SIGN_IN_LINK_MINUTES, signInLinkUrl } from '@/server/services/identity/sign-in-links';
import { Failure } from './run';

function withInstallation<T>(dbFile: string, fn: (db: ReturnType<typeof openDatabase>, userId: string) => T): T {
  const db = openDatabase(dbFile);
  try {
    const installation = readInstallation(db);
    if (!installation) throw new Failure(`The database ${dbFile} has no installation yet: run \`npm start\` once first.`);
    return fn(db, installation.userId);
  } finally {
    db.$client.close();
  }
}

/** The link as the terminal shows it: last, on a line of its own, so it is easy to click or copy. */
export const linkBlock = (intro: string, link: string): string => `${intro}\n(it works once, for ${SIGN_IN_LINK_MINUTES} minutes):\n\n    ${link}\n`;

/**
 * What `npm start` prints under the console's address: a first-run link while the administrator
 * has no password and BERTH_ADMIN_PASSWORD will not set one; nothing otherwise.
 */
export function firstRunAnnouncement(dbFile: string, adminPassword: string | null): (consoleUrl: string) => string | null {
  return (consoleUrl) =>
    withInstallation(dbFile, (db, userId) => {
      const link = firstRunLink(db, userId, adminPassword);
      if (!link) return null;
      return linkBlock('The administrator (user name admin) has no password yet. Open this link to sign in and choose one', signInLinkUrl(consoleUrl, link.token));
    });
}

/** `npm run reset-admin`: clears the password, ends the sessions, and returns the reset link. */
export function resetAdministratorLink(dbFile: string, consoleUrl: string): { link: string; sessionsEnded: number } {
  return withInstallation(dbFile, (db, userId) => {
    const reset = resetAdministrator(db, userId);
    return { link: signInLinkUrl(consoleUrl, reset.token), sessionsEnded: reset.sessionsEnded };
  });
}
