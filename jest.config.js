/** Jest runs TypeScript through SWC; type errors are caught by `npm run typecheck`. */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // ESM-only packages that jest must transform to CommonJS
  transformIgnorePatterns: ['/node_modules/(?!(feelin|bpmn-moddle|dmn-moddle|zeebe-bpmn-moddle|moddle|moddle-xml|min-dash|saxen|lezer-feel|@lezer|temporal-polyfill|temporal-utils|min-dom)/)'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/data/', '/.tools/'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 120000,
};
