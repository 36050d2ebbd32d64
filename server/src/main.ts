import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';

// Without stream arguments the transport comes from argv: `--stdio` from the CLI and other
// editors, `--node-ipc` when VS Code starts the server with TransportKind.ipc.
startServer(createConnection(ProposedFeatures.all));
