import { createServer, type Server, type Socket } from 'node:net';
import { LAB_LINK_VERSION, trainerFrameSchema, type LabFrame } from '@shared/contract/lab-link';
import { encodeFrame, FrameReader } from '../child/frames';

/** What the lab does with one remote trainer's link. */
export interface RemoteTrainerHandlers {
  /** A new trainer process for this run connected from `node`: it waits for `start`. */
  onNewIncarnation(from: { node: string; gpus: string | null }): void;
  /** A trainer-protocol message, each exactly once even when the trainer resends it. */
  onMessage(message: unknown): void;
}

export interface RemoteTrainerLink {
  /** Sends to the trainer if it is connected now; false when it is not. */
  send(message: unknown): boolean;
  unregister(): void;
}

interface Registration {
  handlers: RemoteTrainerHandlers;
  /** The last message sequence number kept from each trainer process. */
  keptSeq: Map<string, number>;
  socket: Socket | null;
}

/**
 * The lab's TCP listener for trainers that run as Slurm jobs. Every run has a token; a trainer
 * proves its run with it in its `hello`, and an unknown token is refused.
 */
export async function openLabListener(options: { bindHost: string; port: number }) {
  const registrations = new Map<string, Registration>();
  const sockets = new Set<Socket>();

  function accept(socket: Socket): void {
    sockets.add(socket);
    socket.setNoDelay(true);
    const reader = new FrameReader();
    let registration: Registration | null = null;
    let incarnation = '';
    const reply = (frame: LabFrame) => socket.write(encodeFrame(frame));

    function receive(raw: unknown): void {
      const frame = trainerFrameSchema.parse(raw);
      if (frame.kind === 'hello') {
        if (frame.version !== LAB_LINK_VERSION) {
          reply({
            kind: 'refused',
            reason: `link version ${frame.version}; this lab speaks ${LAB_LINK_VERSION}`,
          });
          socket.end();
          return;
        }
        const found = registrations.get(frame.token);
        // Not yet known (a restarted lab takes its jobs back a moment after it listens): the
        // trainer tries again later.
        if (found === undefined) {
          socket.destroy();
          return;
        }
        registration = found;
        incarnation = frame.incarnation;
        if (found.socket !== null && found.socket !== socket) found.socket.destroy();
        found.socket = socket;
        const isNew = !found.keptSeq.has(incarnation);
        if (isNew) found.keptSeq.set(incarnation, 0);
        reply({ kind: 'welcome', ackedSeq: found.keptSeq.get(incarnation) ?? 0 });
        if (isNew) found.handlers.onNewIncarnation({ node: frame.node, gpus: frame.gpus });
        return;
      }
      if (registration === null) throw new Error('a message came before hello');
      const kept = registration.keptSeq.get(incarnation) ?? 0;
      if (frame.seq === kept + 1) {
        registration.keptSeq.set(incarnation, frame.seq);
        registration.handlers.onMessage(frame.message);
      }
      reply({ kind: 'ack', seq: registration.keptSeq.get(incarnation) ?? 0 });
    }

    socket.on('data', (chunk: Buffer) => {
      try {
        for (const frame of reader.push(chunk)) receive(frame);
      } catch {
        socket.destroy();
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      if (registration?.socket === socket) registration.socket = null;
    });
  }

  const server: Server = createServer(accept);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.bindHost, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;

  return {
    port,
    register(token: string, handlers: RemoteTrainerHandlers): RemoteTrainerLink {
      const registration: Registration = { handlers, keptSeq: new Map(), socket: null };
      registrations.set(token, registration);
      return {
        send(message) {
          if (registration.socket === null) return false;
          registration.socket.write(encodeFrame({ kind: 'message', message } satisfies LabFrame));
          return true;
        },
        unregister() {
          registrations.delete(token);
          registration.socket?.end();
        },
      };
    },
    async close(): Promise<void> {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type LabListener = Awaited<ReturnType<typeof openLabListener>>;
