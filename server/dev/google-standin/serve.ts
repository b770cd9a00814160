// Runs the Google stand-in on its own, for a demo or for specs in another process:
//   node --import tsx server/dev/google-standin/serve.ts [--port 4010] [--host 127.0.0.1]
//     [--client-id ID --client-secret SECRET] [--account someone@example.com ...]
// Options come from the command line, not the environment: only server/config.ts reads env.
import { parseArgs } from 'node:util';
import { DEMO_CLIENT, startGoogleStandin } from './index.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    account: { type: 'string', multiple: true },
    quiet: { type: 'boolean', default: false },
  },
});

const client = values['client-id']
  ? { clientId: values['client-id'], clientSecret: values['client-secret'] ?? '' }
  : { ...DEMO_CLIENT };
const standin = await startGoogleStandin({
  port: Number(values.port),
  host: values.host,
  clients: [client],
  log: values.quiet ? undefined : (line) => console.log(line),
});
for (const email of values.account ?? []) standin.addAccount({ email });

console.log(JSON.stringify({
  url: standin.url,
  authUrl: standin.authUrl,
  tokenUrl: standin.tokenUrl,
  revokeUrl: standin.revokeUrl,
  controlPage: `${standin.url}_standin/`,
  clientId: client.clientId,
  clientSecret: client.clientSecret,
}));

const stop = () => void standin.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
