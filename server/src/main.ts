import { fileURLToPath } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createStdioConnection } from './lsp/stdioConnection.js';
import { startServer } from './server.js';

// Without stream arguments the transport comes from argv: `--stdio` from the CLI and other
// editors, `--node-ipc` when VS Code starts the server with TransportKind.ipc.
//
// With `--check-in-workers` (VS Code: incidentMarkup.checkInWorkers) reports are checked in worker
// threads started from the bundle beside this one (scripts/build.mjs; in the bundle
// import.meta.url is dist/server.js's own URL), each check with a time limit. Not by default: each
// worker holds its own copy of the gazetteers, since the server's thread keeps one for hover and
// completion. Measured with a 1 MiB report open (2 loaded cores): 199 MB resident in one thread,
// 392 MB with the workers; with the bench's 1,000,000-line GeoNames import, 303 MB and 643 MB. The
// Markdown shapes known to be slow are bounded before parsing (core/parse/hostileShapes.ts) in
// either case.
const inWorkers = process.argv.includes('--check-in-workers');
// Over stdio (editors other than VS Code, the bench) the connection writes diagnostics with
// the JSON of those a keystroke left unchanged kept (lsp/messageEncoding.ts).
const connection = process.argv.includes('--stdio') ? createStdioConnection() : createConnection(ProposedFeatures.all);
startServer(connection, inWorkers ? { checkWorker: fileURLToPath(new URL('serverCheckWorker.js', import.meta.url)) } : {});
