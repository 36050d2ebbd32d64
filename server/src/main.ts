import { fileURLToPath } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';

// Without stream arguments the transport comes from argv: `--stdio` from the CLI and other
// editors, `--node-ipc` when VS Code starts the server with TransportKind.ipc. Reports are
// checked in worker threads started from the bundle beside this one (scripts/build.mjs; in the
// bundle import.meta.url is dist/server.js's own URL).
startServer(createConnection(ProposedFeatures.all), { checkWorker: fileURLToPath(new URL('serverCheckWorker.js', import.meta.url)) });
