/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // `npm test` type-checks first (tsc); jest only transpiles, which keeps the tests fast.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  // The first test loads the IAM action catalog: seconds, not milliseconds.
  testTimeout: 60000,
};
