// The integration suites that run in the web worker extension host as well: those that reach
// the workspace's files through vscode.workspace.fs only (test/integration/workspaceFiles.ts).
// The others need Node for what they test or for their fixtures: child processes and the CLI
// (faults, onDisk), node:fs for files outside the workspace or written behind VS Code's back
// (export, tracking, review, startRecover), and sync fixture writes not yet moved to workspace.fs.
import './webWorker.test';
import '../integration/smoke.test';
import '../integration/hoverCards.test';
import '../integration/legend.test';
import '../integration/pickers.test';
import '../integration/views.test';
// Last, as in the Node host (it reads the suggestion model).
import '../integration/workspaceFsOnly.test';
