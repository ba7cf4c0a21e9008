/**
 * Bundles the browser code that cannot be served as plain files: the process editor
 * (portal/modeler/, bpmn-js with its properties panel) → portal/web/assets/build/modeler.{js,css}.
 * The output folder is ignored by git; `npm start` and `npm test` build it (esbuild, about a second).
 */
import path from 'node:path';
import { buildSync } from 'esbuild';
import { PROJECT_ROOT } from '../../config';

export const WEB_BUILD_DIR = path.join(PROJECT_ROOT, 'portal', 'web', 'assets', 'build');

export function buildWebAssets(): void {
  buildSync({
    entryPoints: { modeler: path.join(PROJECT_ROOT, 'portal', 'modeler', 'index.js') },
    outdir: WEB_BUILD_DIR,
    bundle: true,
    format: 'esm',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    sourcemap: false,
    legalComments: 'eof',
    // our properties-panel entries (.jsx) are preact components, like the panel's own
    jsx: 'automatic',
    jsxImportSource: '@bpmn-io/properties-panel/preact',
    loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.eot': 'dataurl', '.svg': 'dataurl' },
    logLevel: 'warning',
  });
}

if (require.main === module) {
  buildWebAssets();
  console.log(`built ${path.relative(PROJECT_ROOT, WEB_BUILD_DIR)}`);
}
