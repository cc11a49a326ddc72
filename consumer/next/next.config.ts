import type { NextConfig } from 'next';

// create-next-app's next.config.ts, less its Tailwind loader rule (the fixture has no CSS). The two flags
// are the template's: cacheComponents prerenders "/" at build time, where a Client Component may read no
// clock (Date.now()) outside an effect; the useCountdown regression this fixture guards.
const nextConfig: NextConfig = {
  cacheComponents: true,
  partialPrefetching: true,
};

export default nextConfig;
