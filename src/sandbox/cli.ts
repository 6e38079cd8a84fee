/**
 * `npm run sandbox -- --port 4010`: runs the sandbox in the foreground, prints how to reach it,
 * stops cleanly on SIGINT/SIGTERM. Exit code 2 for invalid options.
 */
import { CLI_USAGE, parseCli } from './cliOptions';
import { startSandbox } from './server';
import { formatWireDate } from './wireDate';

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseCli(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(CLI_USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`sandbox: ${parsed.message}\nRun with --help for the options.\n`);
    return 2;
  }

  let sandbox;
  try {
    sandbox = await startSandbox(parsed.options);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const message = err.code === 'EADDRINUSE' ? `port ${parsed.options.port} is in use; try --port 0` : err.message;
    process.stderr.write(`sandbox: ${message}\n`);
    return err.code === 'EADDRINUSE' ? 1 : 2;
  }
  for (const rule of parsed.faults) sandbox.faults.add(rule);

  const { baseUrl, appId, appSecret, dataset } = sandbox;
  const user = dataset.users[1] ?? dataset.me;
  const end = Math.floor(dataset.now / 86_400) * 86_400;
  const start = end - 30 * 86_400;
  const lines = [
    `Help Scout API sandbox listening on ${baseUrl}`,
    `  Data:       ${dataset.conversationCount.toLocaleString('en')} conversations, ${dataset.users.length} users, ` +
      `${dataset.mailboxes.length} inboxes, ending ${formatWireDate(dataset.now)} (seed ${dataset.seed})`,
    `  App ID:     ${appId}`,
    `  App Secret: ${appSecret}`,
    ...(parsed.faults.length ? [`  Faults:     ${argv.filter((a, i) => argv[i - 1] === '--fault' || a.startsWith('--fault=')).join(', ')}`] : []),
    '',
    'Try it:',
    `  TOKEN=$(curl -s -d 'grant_type=client_credentials&client_id=${appId}&client_secret=${appSecret}' ${baseUrl}/v2/oauth2/token \\`,
    `          | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')`,
    `  curl -s -H "Authorization: Bearer $TOKEN" '${baseUrl}/v2/reports/user/customers-helped?user=${user.id}&start=${formatWireDate(start)}&end=${formatWireDate(end)}&viewBy=day'`,
    '',
    'Ctrl+C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.stdout.write(`\nsandbox: ${signal}, shutting down\n`);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await sandbox.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`sandbox: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
