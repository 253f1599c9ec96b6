import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { LAB_LINK_VERSION, labFrameSchema, type TrainerFrame } from '@shared/contract/lab-link';
import { encodeFrame, FrameReader } from './frames';
import type { ParentChannel } from './parent-channel';

export interface TcpChannelOptions {
  /** `host:port` of the lab's trainer listener. */
  address: string;
  /** The run's token, proving to the lab which run this trainer trains. */
  token: string;
  /** How long a finished trainer waits for the lab to acknowledge its last messages. */
  finalWaitMs: number;
  /** Where the channel says what happened to the link (stderr, which Slurm keeps in the job's file). */
  log: (line: string) => void;
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 15_000;

function splitAddress(address: string): { host: string; port: number } {
  const colon = address.lastIndexOf(':');
  const port = Number(address.slice(colon + 1));
  if (colon <= 0 || !Number.isInteger(port) || port <= 0 || port > 65_535) {
    throw new Error(`BASIN_LAB_ADDRESS must be host:port, received "${address}".`);
  }
  return { host: address.slice(0, colon).replace(/^\[|\]$/g, ''), port };
}

/**
 * The trainer's link to a lab on another machine, over TCP. Losing the lab is not a cancel: the
 * trainer keeps training and writing checkpoints while this channel reconnects with backoff, then
 * resends every message the lab has not acknowledged. Each message has a sequence number per
 * trainer process, so the lab keeps each exactly once.
 */
export function openTcpParentChannel(options: TcpChannelOptions): ParentChannel {
  const { host, port } = splitAddress(options.address);
  const incarnation = randomUUID();
  // Every message stays: a lab that restarted (and so never saw this process) acknowledges 0 in its
  // welcome and gets the whole run again, keeping what its database does not hold yet.
  const sent: { seq: number; message: unknown }[] = [];
  let ackedSeq = 0;
  const inbox: unknown[] = [];
  let handler: ((message: unknown) => void) | undefined;
  let nextSeq = 1;
  let socket: Socket | null = null;
  let welcomed = false;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: NodeJS.Timeout | undefined;
  let closing = false;
  let finished = false;
  let giveUpTimer: NodeJS.Timeout | undefined;

  function write(frame: TrainerFrame): void {
    if (socket !== null && welcomed) socket.write(encodeFrame(frame));
  }

  function end(): void {
    finished = true;
    clearTimeout(retryTimer);
    clearTimeout(giveUpTimer);
    socket?.end();
  }

  const unacknowledged = () => sent.length - ackedSeq;

  function acknowledge(seq: number): void {
    ackedSeq = seq;
    if (closing && unacknowledged() === 0) end();
  }

  function deliver(message: unknown): void {
    if (handler === undefined) inbox.push(message);
    else handler(message);
  }

  function receive(raw: unknown): void {
    const frame = labFrameSchema.parse(raw);
    switch (frame.kind) {
      case 'welcome':
        welcomed = true;
        retryMs = FIRST_RETRY_MS;
        acknowledge(frame.ackedSeq);
        for (const { seq, message } of sent.slice(frame.ackedSeq)) {
          write({ kind: 'message', seq, message });
        }
        return;
      case 'ack':
        acknowledge(frame.seq);
        return;
      case 'message':
        deliver(frame.message);
        return;
      case 'refused':
        options.log(`basin trainer: the lab refused this trainer: ${frame.reason}`);
        process.exit(3);
    }
  }

  function open(): void {
    const reader = new FrameReader();
    const current = connect({ host, port });
    socket = current;
    welcomed = false;
    current.setNoDelay(true);
    current.on('connect', () => {
      const hello: TrainerFrame = {
        kind: 'hello',
        version: LAB_LINK_VERSION,
        token: options.token,
        incarnation,
        node: hostname(),
        gpus: process.env.CUDA_VISIBLE_DEVICES ?? null,
      };
      current.write(encodeFrame(hello));
    });
    current.on('data', (chunk: Buffer) => {
      try {
        for (const frame of reader.push(chunk)) receive(frame);
      } catch (error) {
        options.log(`basin trainer: unreadable frame from the lab: ${String(error)}`);
        current.destroy();
      }
    });
    current.on('error', () => undefined);
    current.on('close', () => {
      if (socket === current) socket = null;
      if (finished) return;
      options.log(`basin trainer: lost the lab at ${options.address}; retrying in ${retryMs} ms`);
      retryTimer = setTimeout(open, retryMs);
      retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
    });
  }

  open();
  return {
    send(message) {
      const seq = nextSeq;
      nextSeq += 1;
      sent.push({ seq, message });
      write({ kind: 'message', seq, message });
      return Promise.resolve();
    },
    onMessage(next) {
      handler = next;
      for (const message of inbox.splice(0)) next(message);
    },
    // The lab going away is not a reason to stop training; the link reconnects instead.
    onDisconnect: () => undefined,
    close() {
      closing = true;
      if (unacknowledged() === 0) {
        end();
        return;
      }
      giveUpTimer = setTimeout(() => {
        options.log(
          `basin trainer: the lab did not acknowledge the last ${unacknowledged()} messages within ${options.finalWaitMs} ms; exiting`,
        );
        end();
        socket?.destroy();
      }, options.finalWaitMs);
    },
  };
}
