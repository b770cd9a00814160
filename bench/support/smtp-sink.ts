// A fast SMTP server for the reminder benchmark, run as its own process (so it has its own core
// and event loop, like a real mail server): accepts every message, keeps nothing, and reports
// how many it received when asked over IPC.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

let received = 0;
let connections = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  closeTimeout: 500,
  onConnect(_session, callback) {
    connections++;
    callback();
  },
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      received++;
      callback(null, `Queued as ${received}`);
    });
  },
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.server.address() as AddressInfo;
  process.send!({ type: 'ready', url: `smtp://127.0.0.1:${port}` });
});

process.on('message', (message: { type: string }) => {
  if (message.type === 'count') process.send!({ type: 'count', received, connections, cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000 });
  if (message.type === 'reset') {
    received = 0;
    connections = 0;
    process.send!({ type: 'reset' });
  }
  if (message.type === 'stop') server.close(() => process.exit(0));
});

// The benchmark died: do not outlive it.
process.on('disconnect', () => process.exit(0));
