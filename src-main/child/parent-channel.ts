import { LAB_ADDRESS_ENV, LAB_TOKEN_ENV } from '@shared/contract/lab-link';
import { openTcpParentChannel } from './tcp-parent-channel';

/**
 * The one place that knows how the trainer was launched: Node's `child_process.fork` (IPC via
 * process.send / process 'message') or Electron's `utilityProcess.fork` (process.parentPort).
 * Typed structurally so the trainer never imports electron.
 */
export interface ParentChannel {
  /** Resolves once the message has been handed to the transport (so exiting after it is safe). */
  send(message: unknown): Promise<void>;
  onMessage(handler: (message: unknown) => void): void;
  /** Called when the parent goes away (Node IPC only: Electron ends a utility process with its parent). */
  onDisconnect(handler: () => void): void;
  /** Lets the process exit once the event loop is idle. */
  close(): void;
}

interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
  removeAllListeners(event: 'message'): void;
}

function electronParentPort(): ElectronParentPort | undefined {
  return (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
}

export function openParentChannel(): ParentChannel {
  // A trainer started by a Slurm job reaches its lab over TCP (tcp-parent-channel.ts).
  const labAddress = process.env[LAB_ADDRESS_ENV];
  if (labAddress !== undefined && labAddress !== '') {
    return openTcpParentChannel({
      address: labAddress,
      token: process.env[LAB_TOKEN_ENV] ?? '',
      finalWaitMs: 600_000,
      log: (line) => void process.stderr.write(`${line}\n`),
    });
  }
  const port = electronParentPort();
  if (port !== undefined) {
    return {
      send: (message) => {
        port.postMessage(message);
        return Promise.resolve();
      },
      onMessage: (handler) => port.on('message', (event) => handler(event.data)),
      onDisconnect: () => undefined,
      close: () => port.removeAllListeners('message'),
    };
  }
  const send = process.send?.bind(process);
  if (send === undefined) {
    throw new Error(
      'The trainer must be started with child_process.fork or utilityProcess.fork (no IPC channel).',
    );
  }
  return {
    send: (message) =>
      new Promise<void>((resolve, reject) => {
        send(message, undefined, undefined, (error: Error | null) =>
          error === null ? resolve() : reject(error),
        );
      }),
    onMessage: (handler) => process.on('message', handler),
    onDisconnect: (handler) => process.on('disconnect', handler),
    close: () => process.disconnect(),
  };
}
