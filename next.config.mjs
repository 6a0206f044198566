/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and SDK packages are loaded from node_modules at run time, not bundled (dockerode pulls in
  // ssh2's native addon, which a bundle cannot hold).
  serverExternalPackages: ['better-sqlite3', 'oci-datascience', 'oci-common', 'dockerode', 'docker-modem', 'ssh2', 'cpu-features', 'yauzl'],
  poweredByHeader: false,
};

export default nextConfig;
