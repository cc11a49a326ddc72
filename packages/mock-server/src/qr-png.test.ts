import { inflateSync } from 'node:zlib';
import decodeQR from 'qr/decode.js';
import { describe, expect, it } from 'vitest';
import { qrPngDataUrl } from './qr-png.js';

/** Reads back the PNG `qrPngDataUrl` writes (8-bit grayscale, no filter) as RGBA pixels. */
function readPng(dataUrl: string): { width: number; height: number; data: Uint8Array } {
  const file = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
  expect(file.subarray(1, 4).toString('latin1')).toBe('PNG');
  let offset = 8;
  let width = 0;
  const idat: Buffer[] = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.subarray(offset + 4, offset + 8).toString('latin1');
    const data = file.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') width = data.readUInt32BE(0);
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(idat));
  const data = new Uint8Array(width * width * 4);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      const gray = rows[y * (width + 1) + 1 + x] as number;
      data.set([gray, gray, gray, 255], (y * width + x) * 4);
    }
  }
  return { width, height: width, data };
}

describe('qrPngDataUrl', () => {
  it('writes a small PNG whose QR code reads back as the text', () => {
    const text = 'otpauth://totp/Verifik:%2B1%201234566663?issuer=Verifik&secret=JBSWY3DPEHPK3PXP';
    const url = qrPngDataUrl(text);
    expect(url.length).toBeLessThan(4096);
    expect(decodeQR(readPng(url))).toBe(text);
  });
});
