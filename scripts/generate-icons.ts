// Writes WardWatch's icons into public/ from one drawing (run after changing it, and commit the
// files): `npx tsx scripts/generate-icons.ts`. The favicon, the app icons of the web manifest
// (192, 512 and a maskable 512 whose drawing keeps inside the safe circle) and Apple's touch icon.
// sharp comes with Next.js (its image optimiser); nothing here runs when the app serves.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";

const BRAND = "#083b68"; // --color-brand-800 (app/globals.css)
const ACCENT = "#34d399"; // a green dot: scans seen

/** The drawing on a 512 square: a W (ward) with a dot; `scale` shrinks it about the centre, `round` rounds the corners. */
function iconSvg({ scale = 1, round = true }: { scale?: number; round?: boolean } = {}): string {
  const t = `translate(256 256) scale(${scale}) translate(-256 -256)`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <rect width="512" height="512" rx="${round ? 104 : 0}" fill="${BRAND}"/>
  <g transform="${t}">
    <polyline points="110,160 182,356 256,206 330,356 402,160" fill="none" stroke="#ffffff" stroke-width="54" stroke-linecap="round" stroke-linejoin="round"/>
    <circle cx="256" cy="122" r="30" fill="${ACCENT}"/>
  </g>
</svg>
`;
}

/** An .ico holding PNG images (every browser of the last decade reads them). */
function ico(pngs: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(pngs.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * pngs.length;
  for (const { size, data } of pngs) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2); // no palette
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.data)]);
}

async function png(svg: string, size: number): Promise<Buffer> {
  return sharp(Buffer.from(svg)).resize(size, size).png({ compressionLevel: 9, palette: true }).toBuffer();
}

async function main(): Promise<void> {
  const out = path.join(process.cwd(), "public");
  fs.mkdirSync(out, { recursive: true });
  const plain = iconSvg();
  const maskable = iconSvg({ scale: 0.78, round: false }); // the safe zone: a circle of 80 % of the width
  fs.writeFileSync(path.join(out, "icon.svg"), plain);
  const files: [string, Buffer][] = [
    ["icon-192.png", await png(plain, 192)],
    ["icon-512.png", await png(plain, 512)],
    ["icon-maskable-512.png", await png(maskable, 512)],
    ["apple-touch-icon.png", await png(iconSvg({ scale: 0.86, round: false }), 180)],
    ["favicon.ico", ico(await Promise.all([16, 32, 48].map(async (size) => ({ size, data: await png(plain, size) }))))],
  ];
  for (const [name, data] of files) {
    fs.writeFileSync(path.join(out, name), data);
    console.log(`public/${name}: ${data.length} bytes`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
