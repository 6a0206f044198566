/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and SDK packages are loaded from node_modules at run time, not bundled.
  serverExternalPackages: ['better-sqlite3', 'oci-datascience', 'oci-common'],
  poweredByHeader: false,
  // A build for tests goes to its own directory so it never clobbers the one `npm start` serves.
  distDir: process.env.BERTH_DIST_DIR || '.next',
};

export default nextConfig;
