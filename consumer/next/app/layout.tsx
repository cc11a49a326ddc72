import type { Metadata } from 'next';

export const metadata: Metadata = {
  title: 'verifik-auth consumer: Next.js',
  description: 'A create-next-app app that logs in with @verifik-auth/react',
};

export default function RootLayout({ children }: LayoutProps<'/'>) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
