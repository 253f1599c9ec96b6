import { afterEach, expect, it } from 'vitest';
import type { EventPayload } from '@shared/contract/lab-api';
import { call, openTestLab, spirals, tempDataDir } from './testing/lab-fixture';

const cleanUps: (() => void)[] = [];
afterEach(() => cleanUps.splice(0).forEach((cleanUp) => cleanUp()));

it('tells every UI when a deep ensemble was scored, so the strategy table can ask again', async () => {
  const { dataDir, cleanUp } = tempDataDir();
  cleanUps.push(cleanUp);
  const lab = await openTestLab(dataDir);
  const scored: EventPayload<'experiment.ensembleScored'>[] = [];
  lab.events.subscribe((message) => {
    if (message.event === 'experiment.ensembleScored') scored.push(message.payload);
  });
  const { id } = await call(lab, 'experiments.create', { spec: spirals('ensembled', 200, 2, 2) });
  await call(lab, 'experiments.launch', { id });
  await lab.scheduler.idle();
  await lab.experimentSettled(id);

  expect(scored.length).toBeGreaterThan(0);
  expect(scored.every((event) => event.experimentId === id)).toBe(true);
  const comparison = await call(lab, 'compare.strategies', { experimentId: id });
  const deep = comparison.rows.find((row) => row.strategy === 'deep-ensemble');
  expect(deep?.validation?.n).toBe(1);
  // Once settled, a deep ensemble that is the pick already carries its test score.
  if (comparison.selected?.runId === null) expect(comparison.selected.test).not.toBeNull();
  await lab.close();
}, 90_000);
