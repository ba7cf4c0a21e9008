#!/usr/bin/env node
// Runs before anything TypeScript: installs npm dependencies when they are missing or stale.
// Plain JavaScript on purpose (tsx itself is a dependency).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const marker = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');
const stale = !fs.existsSync(marker) || !fs.existsSync(path.join(root, 'node_modules', '.bin', 'tsx')) ||
  (fs.existsSync(lock) && fs.statSync(lock).mtimeMs > fs.statSync(marker).mtimeMs + 1000);

if (stale) {
  console.log('installing npm dependencies (first run)…');
  const res = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) {
    console.error('npm install failed; see the output above');
    process.exit(res.status ?? 1);
  }
}
