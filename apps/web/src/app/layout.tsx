import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';

import { I18nProvider } from '../lib/i18n/i18n-provider';
import { ParleyProvider } from '../lib/parley-provider';
import './globals.css';

export const metadata: Metadata = {
  title: 'Parley',
  description: 'Team messenger',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <I18nProvider>
          <ParleyProvider>{children}</ParleyProvider>
        </I18nProvider>
      </body>
    </html>
  );
}
