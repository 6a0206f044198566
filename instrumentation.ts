export async function register() {
  // Only the Node.js server runs work; the edge runtime has no database.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { boot } = await import('./server/boot');
    boot();
  }
}
