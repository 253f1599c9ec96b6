import { utilityProcess } from 'electron';
import type { ChildLauncher, LaunchedChild } from '../child/launcher';

/**
 * Starts trainers with Electron's utilityProcess: under Electron there is no separate Node binary
 * to fork, and a utility process is the supported way to run Node code beside the main process.
 */
export const utilityLauncher: ChildLauncher = {
  launch({ script, env }): LaunchedChild {
    const child = utilityProcess.fork(script, [], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
      serviceName: 'Basin trainer',
    });
    child.stderr?.setEncoding('utf8');
    let exited = false;
    // utilityProcess reports only an exit code; a kill we issued is named as the signal we sent.
    let killedBy: string | null = null;
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => {
        if (!exited) child.postMessage(message);
      },
      onMessage: (listener) => child.on('message', listener),
      onStderr: (listener) => child.stderr?.on('data', (text: string) => listener(text)),
      onExit: (listener) =>
        child.once('exit', (code) => {
          exited = true;
          listener(killedBy === null ? { code, signal: null } : { code: null, signal: killedBy });
        }),
      kill: () => {
        if (exited || child.pid === undefined) return;
        killedBy = 'SIGKILL';
        process.kill(child.pid, 'SIGKILL');
      },
    };
  },
};
