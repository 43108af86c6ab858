// Loads a TypeScript module of the dashboard (web/src) in node by bundling it
// with the dashboard's own esbuild, so tests exercise the code the browser runs.
import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const webRequire = createRequire(join(repoRoot, 'web/package.json'));

export async function importWebModule(relPath) {
  const esbuild = webRequire('esbuild');
  const out = await esbuild.build({
    entryPoints: [join(repoRoot, 'web/src', relPath)],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
  });
  const file = join(mkdtempSync(join(tmpdir(), 'verity-web-')), 'module.mjs');
  writeFileSync(file, out.outputFiles[0].text);
  return import(pathToFileURL(file).href);
}
