/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and SDK packages are loaded from node_modules at run time, not bundled.
  serverExternalPackages: ['better-sqlite3', 'oci-datascience', 'oci-common'],
  poweredByHeader: false,
};

export default nextConfig;
