import type { SnapshotCurve } from '@shared/contract/compare';

export interface SnapshotCurveTable {
  /** The shared x: every member count any run reported, ascending. */
  members: number[];
  /** One line per run, aligned with `members`; null where a run has no ensemble that large. */
  lines: { runId: number; restart: number; values: (number | null)[] }[];
}

/** Aligns the runs' snapshot curves on one member-count axis, as one chart with a line per run. */
export function snapshotCurveTable(curve: SnapshotCurve): SnapshotCurveTable {
  const members = [...new Set(curve.runs.flatMap((run) => run.points.map((p) => p.members)))].sort(
    (a, b) => a - b,
  );
  const lines = curve.runs.map((run) => {
    const byMembers = new Map(run.points.map((p) => [p.members, p.value]));
    return {
      runId: run.runId,
      restart: run.restart,
      values: members.map((m) => byMembers.get(m) ?? null),
    };
  });
  return { members, lines };
}
