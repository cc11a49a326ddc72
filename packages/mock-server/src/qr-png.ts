import { crc32, deflateSync } from 'node:zlib';
import encodeQR from 'qr';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A black-on-white, 8-bit grayscale PNG of `pixels` (square; true is black). */
function png(pixels: readonly (readonly boolean[])[]): Buffer {
  const size = pixels.length;
  const header = Buffer.alloc(13); // compression, filter and interlace methods stay 0
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bits per pixel
  header.writeUInt8(0, 9); // grayscale
  const rows = Buffer.alloc(size * (size + 1), 0xff);
  pixels.forEach((row, y) => {
    rows[y * (size + 1)] = 0; // filter type None
    row.forEach((black, x) => {
      if (black) rows[y * (size + 1) + 1 + x] = 0;
    });
  });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * `text` as a QR code in a PNG data URL, the form of Verifik's `QRCode`: 4 pixels a module and the
 * standard's 4-module quiet zone (about 200 px and 1 KB for an `otpauth://` line).
 */
export function qrPngDataUrl(text: string): string {
  const pixels = encodeQR(text, 'raw', { border: 4, scale: 4 });
  return `data:image/png;base64,${png(pixels).toString('base64')}`;
}
