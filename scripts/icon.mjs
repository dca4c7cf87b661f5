// Rasterizes media/icon.svg to media/icon.png (128x128, the size the marketplace and the
// Extensions view use). The PNG is committed; run this only after changing the SVG:
//   npm install --no-save --prefix /tmp/icon @resvg/resvg-js@2.6.2
//   NODE_PATH=/tmp/icon/node_modules node scripts/icon.mjs
// (resvg is not a dependency of the project: nothing else needs it.)
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const media = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'media');
// createRequire honours NODE_PATH, which ESM imports do not.
const { Resvg } = createRequire(import.meta.url)('@resvg/resvg-js');
const png = new Resvg(readFileSync(path.join(media, 'icon.svg')), { fitTo: { mode: 'width', value: 128 } }).render().asPng();
writeFileSync(path.join(media, 'icon.png'), png);
console.log(`media/icon.png: ${png.length} bytes`);
