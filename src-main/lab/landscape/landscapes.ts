import type { Landscape, LandscapeShape } from '@shared/contract/landscape';
import { landscapeStartParamsSchema } from '@shared/contract/landscape';
import {
  LANDSCAPE_PROTOCOL_VERSION,
  landscapeToParentSchema,
  type LandscapeRequest,
} from '@shared/contract/landscape-protocol';
import { DEFAULT_LINE_POINTS } from '@shared/landscape';
import type { z } from 'zod';
import type { Store } from '../../store/open-store';
import type { LandscapeRecord } from '../../store/landscapes-repository';
import type { LabEventBus } from '../events';
import type { ChildLauncher, LaunchedChild } from '../../child/launcher';
import { runChild } from '../../child/run-child';
import { checkpointLabel, requireComparable, resolveCheckpoint } from './resolve-checkpoints';

export interface LandscapesContext {
  store: Store;
  events: LabEventBus;
  launcher: ChildLauncher;
  /** The built landscape evaluator entry, out/main/landscape.js. */
  landscapeScript: string;
  resourcesDir: string;
}

/** Points per side of a plane's grid when none is asked for: 121 evaluations. */
const DEFAULT_GRID_POINTS = 11;
const SHAPES: readonly LandscapeShape[] = ['directions', 'line', 'plane'];

type StartParams = z.infer<typeof landscapeStartParamsSchema>;

/**
 * Computes loss landscapes in the landscape evaluator child (never in the lab), one child per
 * landscape, recording progress and the result in the store and announcing both as
 * `landscape.progress` events. Asking again for a landscape that is done or under way returns it.
 */
export function createLandscapes(context: LandscapesContext) {
  const { store, events } = context;
  const pending = new Set<Promise<void>>();
  const children = new Set<LaunchedChild>();

  function describe(record: LandscapeRecord): Landscape {
    return {
      id: record.id,
      shape: record.shape,
      checkpoints: record.checkpointIds.map((checkpointId) => {
        const checkpoint = store.checkpoints.get(checkpointId);
        return {
          checkpointId,
          runId: checkpoint.runId,
          kind: checkpoint.kind,
          epoch: checkpoint.epoch,
          label: checkpointLabel({ run: { id: checkpoint.runId }, checkpoint }),
        };
      }),
      points: record.points,
      seed: record.seed,
      recomputeBatchNorm: record.recomputeBatchNorm,
      status: record.status,
      progress: { done: record.done, total: record.total },
      result: record.result,
      error: record.error,
      createdAt: record.createdAt,
    };
  }

  function announce(id: number): void {
    const record = store.landscapes.get(id);
    events.emit('landscape.progress', {
      id,
      status: record.status,
      done: record.done,
      total: record.total,
    });
  }

  /** Runs the evaluator on one request, recording what it reports; never throws. */
  async function compute(
    id: number,
    request: Omit<LandscapeRequest, 'type' | 'version'>,
  ): Promise<void> {
    let launched: LaunchedChild | undefined;
    const outcome = await runChild(
      context.launcher,
      context.landscapeScript,
      { type: 'landscape', version: LANDSCAPE_PROTOCOL_VERSION, ...request },
      landscapeToParentSchema,
      {
        name: 'The landscape evaluator',
        env: { CUDA_VISIBLE_DEVICES: '' },
        onLaunch: (child) => {
          launched = child;
          children.add(child);
        },
        onProgress: (message) => {
          if (message.type !== 'progress') return false;
          store.landscapes.progress(id, message.done, message.total);
          announce(id);
          return true;
        },
      },
    );
    if (launched !== undefined) children.delete(launched);
    if (outcome.ok && outcome.reply.type === 'computed') {
      store.landscapes.finish(id, outcome.reply.result, outcome.reply.recomputedBatchNorm);
    } else {
      const message = !outcome.ok
        ? outcome.message
        : outcome.reply.type === 'failed'
          ? outcome.reply.message
          : 'The landscape evaluator ended after a progress report without its result.';
      store.landscapes.fail(id, message);
    }
    announce(id);
  }

  return {
    /** Starts (or finds) the landscape of the checkpoints; the record says how far it is. */
    start(params: StartParams): Landscape {
      const resolved = params.checkpoints.map((ref) => resolveCheckpoint(store, ref));
      requireComparable(resolved);
      const shape = SHAPES[resolved.length - 1] as LandscapeShape;
      const key = {
        shape,
        checkpointIds: resolved.map((r) => r.checkpoint.id),
        stamp: resolved.map((r) => r.checkpoint.createdAt).join('|'),
        points: params.points ?? (shape === 'line' ? DEFAULT_LINE_POINTS : DEFAULT_GRID_POINTS),
        seed: params.seed ?? 0,
        recomputeBatchNorm: params.recomputeBatchNorm ?? true,
      };
      const existing = store.landscapes.findReusable(key);
      if (existing !== undefined) return describe(existing);
      const record = store.landscapes.start(key);
      const [first] = resolved;
      const work = compute(record.id, {
        shape,
        checkpoints: resolved.map((r) => r.checkpoint.path),
        spec: first?.run.config,
        fold: first?.run.fold ?? null,
        data: { resourcesDir: context.resourcesDir, fashionMnistDir: null },
        points: key.points,
        seed: key.seed,
        recomputeBatchNorm: key.recomputeBatchNorm,
      });
      pending.add(work);
      void work.then(() => pending.delete(work));
      return describe(record);
    },

    get(id: number): Landscape {
      return describe(store.landscapes.get(id));
    },

    /** Settles once every landscape started so far has finished or failed. */
    async idle(): Promise<void> {
      await Promise.all(pending);
    },

    /** Ends the evaluators still computing (their landscapes fail) and waits for them to exit. */
    async close(): Promise<void> {
      for (const child of children) child.kill();
      await Promise.all(pending);
    },
  };
}

export type Landscapes = ReturnType<typeof createLandscapes>;
