// Entry module of the smoke suite against the installed .vsix (scripts/vscode/runTests.mjs,
// "installed"): the same runner as the integration tests, on this folder's suites only.
import { runSuites } from '../integration/index';

export function run(): Promise<void> {
  return runSuites(__dirname);
}
