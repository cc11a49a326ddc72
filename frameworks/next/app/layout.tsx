import type { Metadata } from 'next';

export const metadata: Metadata = {
  title: 'verifik-auth framework fixture: Next.js',
  description: 'A create-next-app app that keeps the Verifik token on its server (@verifik-auth/server)',
};

export default function RootLayout({ children }: LayoutProps<'/'>) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
