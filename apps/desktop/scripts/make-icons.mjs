// Draws build/icon.png (1024 x 1024) for electron-builder, which derives the .ico, .icns and
// Linux sizes from it. Uses the same drawing code as the tray, from dist/ (run after build).
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { drawAppIcon } = await import(`${root}dist/main/tray/draw-icons.js`);
const { encodePng } = await import(`${root}dist/main/tray/encode-png.js`);

await mkdir(`${root}build`, { recursive: true });
await writeFile(`${root}build/icon.png`, encodePng(drawAppIcon(1024)));
console.log('wrote build/icon.png');
