import { fork } from 'node:child_process';
import type { ChildExit, ChildLauncher, LaunchedChild } from './launcher';

/** Starts child processes with child_process.fork, the way the CLI, the server and the tests run them. */
export const nodeLauncher: ChildLauncher = {
  launch({ script, env }): LaunchedChild {
    const child = fork(script, [], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    child.stderr?.setEncoding('utf8');
    // A send to a child that has just died fails asynchronously; its exit tells the story.
    child.on('error', () => undefined);
    return {
      pid: child.pid,
      send: (message) => {
        if (child.connected) child.send(message as object, () => undefined);
      },
      onMessage: (listener) => child.on('message', listener),
      onStderr: (listener) => child.stderr?.on('data', (text: string) => listener(text)),
      onExit: (listener) =>
        child.once('close', (code, signal) => {
          const exit: ChildExit = { code, signal };
          listener(exit);
        }),
      kill: () => {
        child.kill('SIGKILL');
      },
    };
  },
};
