import { existsSync } from 'node:fs';

import { createRootLogger, stopOnSignals } from '@parley/server-kit';

import { loadConfig } from './config.js';
import { startEmbedded } from './start-embedded.js';

const config = loadConfig();
const root = createRootLogger({ level: config.LOG_LEVEL });
const log = root.child({ component: 'embedded' });

if (!existsSync(config.PARLEY_WEB_DIR)) {
  console.error(
    `The web app is not built (${config.PARLEY_WEB_DIR} is missing). Run "npm start" from the repository root.`,
  );
  process.exit(1);
}

const stack = await startEmbedded(config, root).catch((err: unknown) => {
  log.fatal({ err }, 'Parley failed to start');
  process.exit(1);
});

const lines = ['', `Parley is running: ${stack.urls.web}`, ''];
if (stack.firstRun.created) {
  lines.push(
    'First start: these accounts were created (also saved in',
    `  ${stack.firstRun.credentialsFile}):`,
    `  admin / ${stack.firstRun.adminPassword ?? ''}`,
    `  alice / ${stack.firstRun.demoPassword ?? ''}   (Alice Chen)`,
    `  bob   / ${stack.firstRun.demoPassword ?? ''}   (Bob Li)`,
  );
} else {
  lines.push(`Sign in with the accounts listed in ${stack.firstRun.credentialsFile}.`);
}
lines.push('', 'Press Ctrl-C to stop.', '');
console.log(lines.join('\n'));

stopOnSignals(log, () => stack.stop());
