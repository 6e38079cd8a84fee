// Copies the walkthrough's pictures, taken in the real workbench by test/ui/walkthrough.test.ts
// (`npm test -- --only build,ui --grep walkthrough`), into media/walkthrough/, where
// package.json's contributes.walkthroughs points.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const from = path.join(root, 'test-results', 'screenshots', 'walkthrough');
const to = path.join(root, 'media', 'walkthrough');
const names = ['sign-in', 'create', 'read', 'export'].flatMap((step) => [`${step}-light.jpg`, `${step}-dark.jpg`]);
const missing = names.filter((name) => !fs.existsSync(path.join(from, name)));
if (missing.length > 0) {
  console.error(`Missing ${missing.join(', ')} in ${from}: run npm test -- --only build,ui --grep walkthrough first.`);
  process.exit(1);
}
fs.mkdirSync(to, { recursive: true });
for (const name of names) fs.copyFileSync(path.join(from, name), path.join(to, name));
const total = names.reduce((sum, name) => sum + fs.statSync(path.join(to, name)).size, 0);
console.log(`Copied ${names.length} pictures into media/walkthrough/ (${(total / 1024).toFixed(0)} KB).`);
