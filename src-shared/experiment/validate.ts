import { describeZodIssues, plainEnglishError } from '../contract/zod-issues';
import { buildContext } from './checks/context';
import { dataChecks } from './checks/data-checks';
import { lbfgsChecks } from './checks/lbfgs-checks';
import { modelChecks } from './checks/model-checks';
import { outputChecks } from './checks/output-checks';
import { scheduleChecks } from './checks/schedule-checks';
import { searchChecks } from './checks/search-checks';
import { trainingChecks } from './checks/training-checks';
import type { DataFacts } from './datasets';
import { asErrors, type SpecProblem } from './problems';
import { resolve } from './resolve';
import { experimentSpecSchema, type ResolvedSpec } from './spec';

export type SpecValidation =
  | { ok: true; spec: ResolvedSpec; warnings: SpecProblem[] }
  | { ok: false; problems: SpecProblem[] };

/**
 * Every problem in a spec at once: first the schema (each field, whatever else is broken), then
 * the checks across fields on every section that parsed — output activation against loss and
 * task, shapes through the layers, split fractions, strategy against epochs, random search. The
 * problems come in spec order. `facts` (what the lab core read from a CSV or IDX file) lets the
 * task-dependent checks run for file data; built-in datasets are known without it.
 */
export function validateSpec(input: unknown, facts?: DataFacts): SpecValidation {
  const parsed = experimentSpecSchema.safeParse(input, { error: plainEnglishError });
  const schemaProblems = parsed.success
    ? []
    : asErrors(describeZodIssues(parsed.error.issues, input));
  const context = buildContext(input, facts);
  const crossProblems = [
    ...dataChecks(context),
    ...modelChecks(context),
    ...outputChecks(context),
    ...trainingChecks(context),
    ...scheduleChecks(context),
    ...lbfgsChecks(context),
    ...searchChecks(context),
  ];
  const problems = inSpecOrder([...schemaProblems, ...crossProblems]);
  if (problems.some((problem) => problem.severity === 'error')) return { ok: false, problems };
  return { ok: true, spec: resolve(input, facts), warnings: problems };
}

const sectionOrder = Object.keys(experimentSpecSchema.shape);

/** Problems by section in spec order, then by layer, keeping the order found otherwise. */
function inSpecOrder(problems: SpecProblem[]): SpecProblem[] {
  const sectionRank = (path: string) => {
    const index = sectionOrder.indexOf(path.split(/[.[]/)[0] ?? '');
    return index === -1 ? sectionOrder.length : index;
  };
  const layerRank = (path: string) => Number(/^model\.layers\[(\d+)\]/.exec(path)?.[1] ?? -1);
  return problems
    .map((problem, position) => ({
      problem,
      position,
      section: sectionRank(problem.path),
      layer: layerRank(problem.path),
    }))
    .sort((a, b) => a.section - b.section || a.layer - b.layer || a.position - b.position)
    .map(({ problem }) => problem);
}
