/**
 * Bundles the browser code: the portal (portal/app/, react-admin) → portal/web/assets/build/app.{js,css},
 * and the process editor (portal/modeler/, bpmn-js with its properties panel) → build/modeler.{js,css}.
 * The output folder is ignored by git; `npm start` and `npm test` build it (esbuild, a few seconds).
 */
import path from 'node:path';
import { buildSync } from 'esbuild';
import { PROJECT_ROOT } from '../../config';

export const WEB_BUILD_DIR = path.join(PROJECT_ROOT, 'portal', 'web', 'assets', 'build');

const FONT_FILES = { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.eot': 'dataurl', '.svg': 'dataurl' } as const;

export function buildWebAssets(): void {
  buildSync({
    entryPoints: { app: path.join(PROJECT_ROOT, 'portal', 'app', 'index.tsx') },
    outdir: WEB_BUILD_DIR,
    bundle: true,
    format: 'esm',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    sourcemap: false,
    legalComments: 'eof',
    jsx: 'automatic',
    jsxImportSource: 'react',
    define: { 'process.env.NODE_ENV': '"production"' },
    // the fonts are served by the API from the vazirmatn package (routes/web.ts)
    external: ['/assets/*'],
    loader: FONT_FILES,
    logLevel: 'warning',
  });
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
    loader: FONT_FILES,
    logLevel: 'warning',
  });
}

if (require.main === module) {
  buildWebAssets();
  console.log(`built ${path.relative(PROJECT_ROOT, WEB_BUILD_DIR)}`);
}
