// `npm run demo`: a real VS Code (in your browser) with the extension loaded on
// sample-docs/, for trying it by hand. Installs the VS Code server if needed, builds,
// starts the server on 127.0.0.1 (port: $PORT, or a free one) and prints the URL to
// open. Runs until Ctrl+C. Edits made in the demo change the repo's sample-docs/ files.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { extensionDevPath, freePort, isCleaningUp, repoRoot, startServer, workbenchUrl } from './server.mjs';

const ARTICLE = 'corbyn-jewish-leaders-meeting.txt';
const folder = path.join(repoRoot, 'sample-docs');

function run(cmd, args) {
  console.log(`demo: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`demo: \`${cmd} ${args.join(' ')}\` failed`);
    process.exit(1);
  }
}

// Idempotent: installs on a fresh machine, repairs a half-finished install, else only checks.
run('bash', ['scripts/setup-test-env.sh']);
run('npm', ['run', 'build']);

const port = Number(process.env.PORT) || (await freePort());
const server = await startServer({ port, log: (l) => process.env.VSCODE_TEST_VERBOSE && console.log(`[server] ${l}`) });
// `openFile` in the payload opens the article once the workbench is up.
const url = workbenchUrl({ port, folder, openFile: path.join(folder, ARTICLE) });
console.log(`
Attribution Lens demo: a real VS Code with the extension from ${extensionDevPath},
on the folder ${folder}

Open this URL in a browser on this machine (the whole URL: its payload loads the extension):

  ${url}

If you forward the port from another machine, forward it to the same port number: the
payload names 127.0.0.1:${port} as the extension's location.
Press Ctrl+C to stop.`);

// Keep running until Ctrl+C (server.mjs stops the server on SIGINT/SIGTERM); if the
// server dies on its own, say so and stop.
await server.exited;
if (!isCleaningUp()) {
  console.error('demo: the VS Code server stopped unexpectedly (VSCODE_TEST_VERBOSE=1 shows its output)');
  process.exit(1);
}
