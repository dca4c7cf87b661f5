// What the Node bundles use in place of src/core/sha256.ts (scripts/build.mjs swaps the module):
// the same two functions over node:crypto, native and several times faster on a long article.
import { createHash } from 'node:crypto';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}
