// What the client takes of Verifik's authenticator setup: a QR code only as a small base64 image data
// URL (anything else would make the page fetch or run something), a key only as base32.
import { describe, expect, it } from 'vitest';
import { createVerifikClient } from './client.js';
import { sendJson, useHostileServer } from './hostile-server.js';

const server = useHostileServer();
const key = 'CUIVI2R7LUYT4TZM';
const png = `data:image/png;base64,${'iVBORw0KGgo'.repeat(10)}`;

async function setupAnswer(data: Record<string, unknown>) {
  server.answer((_request, response) =>
    sendJson(response, 200, {
      data: { message: 'You are required to setup the Google Authenticator first.', ...data },
    }),
  );
  const client = createVerifikClient({ baseUrl: server.url });
  return client.confirmPhoneOtp({ countryCode: '+57', phone: '3001234567', otp: '123456' });
}

describe('the authenticator setup the client takes', () => {
  it('keeps a base64 PNG, JPEG, GIF or WebP data URL and a base32 key', async () => {
    for (const type of ['png', 'jpeg', 'gif', 'webp']) {
      const qrCode = png.replace('png', type);
      expect(await setupAnswer({ QRCode: qrCode, secretKey: key })).toEqual({
        authenticatorRequired: true,
        qrCode,
        secretKey: key,
      });
    }
  });

  it.each([
    ['a URL to fetch', 'https://attacker.example/qr.png'],
    ['an SVG, which may hold script', `data:image/svg+xml;base64,${btoa('<svg onload="alert(1)"/>')}`],
    ['text/html', `data:text/html;base64,${btoa('<script>alert(1)</script>')}`],
    ['not base64', 'data:image/png,<script>'],
    ['over 64 KB', `data:image/png;base64,${'A'.repeat(70_000)}`],
    ['not text', 42],
  ])('drops a QR code that is %s, and keeps the key', async (_what, QRCode) => {
    expect(await setupAnswer({ QRCode, secretKey: key })).toEqual({
      authenticatorRequired: true,
      secretKey: key,
    });
  });

  it('drops a key that is not base32, keeping the QR code', async () => {
    for (const secretKey of ['not a key!', 'short', `${key}<img src=x>`, 1234]) {
      expect(await setupAnswer({ QRCode: png, secretKey })).toEqual({
        authenticatorRequired: true,
        qrCode: png,
      });
    }
  });
});
