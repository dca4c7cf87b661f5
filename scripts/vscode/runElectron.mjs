// `npm run test:electron`: the same integration suites under @vscode/test-electron, for a
// desktop with internet access (it downloads a VS Code build; these offline machines cannot,
// so CI uses scripts/vscode/runTests.mjs and the VS Code server instead).
import { runTests } from '@vscode/test-electron';
import path from 'node:path';
import { prepareWorkspace, repoRoot } from './server.mjs';

const workspace = prepareWorkspace();
try {
  await runTests({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (err) {
  console.error(`test:electron: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
