import { openParentChannel } from '../child/parent-channel';
import { serveParent } from './session';

/**
 * Entry of the trainer child process (out/main/trainer.js), started by the lab core with
 * child_process.fork or Electron's utilityProcess.fork. It trains one run and exits.
 */
void serveParent(openParentChannel()).then(() => {
  process.exitCode = 0;
});
