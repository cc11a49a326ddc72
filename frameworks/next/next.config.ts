import type { NextConfig } from 'next';

// create-next-app's next.config.ts, less its Tailwind loader rule (the fixture has no CSS).
const nextConfig: NextConfig = {
  cacheComponents: true,
  partialPrefetching: true,
};

export default nextConfig;
