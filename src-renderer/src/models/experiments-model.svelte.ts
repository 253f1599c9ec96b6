import type { ReplyError } from '@shared/contract/envelope';
import type { ExperimentSummary } from '@shared/contract/experiments';
import { lab, onReconnect } from '../lib/api';
import { describeReplyError } from '../lib/reply-error';
import { deleteExperiment } from './delete-experiment';
import { downloadSpec, parseSpecFile } from './spec-file';

export type ExperimentsLoad =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; experiments: ExperimentSummary[] };

/** What went wrong with an action, in words, with the spec problems the lab named. */
export interface ActionProblem {
  message: string;
  problems: string[];
}

/** Typing in the search box is gathered this long into one query. */
const SEARCH_PAUSE_MS = 200;
/** Run status events (their counts per experiment) are gathered this long into one re-list. */
const RELIST_PAUSE_MS = 300;

/**
 * The Experiments view's state and actions apart from how it looks (like CompareModel): the list
 * read for the current search, kept current from run status events (the run counts change) and
 * after a reconnect, and the actions (duplicate, import, export, rename, delete) one at a time,
 * each leaving a notice or a problem in words.
 */
export class ExperimentsModel {
  load: ExperimentsLoad = $state({ state: 'loading' });
  search = $state('');
  /** The search the shown list answers (the box may have moved on). */
  searched = $state('');
  notice = $state('');
  problem: ActionProblem | null = $state(null);
  /** An action is under way; the buttons wait for it. */
  working = $state(false);
  renaming: ExperimentSummary | null = $state(null);
  renameOpen = $state(false);
  deleting: ExperimentSummary | null = $state(null);
  deleteOpen = $state(false);

  #latestRequest = 0;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #relistTimer: ReturnType<typeof setTimeout> | undefined;

  /** Reads the list for the current search; an answer overtaken by a later request is dropped. */
  readonly refresh = async (): Promise<void> => {
    const request = ++this.#latestRequest;
    const text = this.search.trim();
    const reply = await lab.call('experiments.list', text === '' ? {} : { search: text });
    if (request !== this.#latestRequest) return;
    this.searched = text;
    this.load = reply.ok
      ? { state: 'ready', experiments: reply.value.experiments }
      : { state: 'failed', message: reply.error.message };
  };

  /** Follows the lab's events until the returned stop is called. */
  start(): () => void {
    const stops = [
      lab.on('run.status', () => {
        clearTimeout(this.#relistTimer);
        this.#relistTimer = setTimeout(() => void this.refresh(), RELIST_PAUSE_MS);
      }),
      // Events sent while the connection was down are lost: read the list again.
      onReconnect(() => void this.refresh()),
    ];
    void this.refresh();
    return () => {
      stops.forEach((stop) => stop());
      clearTimeout(this.#searchTimer);
      clearTimeout(this.#relistTimer);
    };
  }

  readonly searchChanged = (): void => {
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => void this.refresh(), SEARCH_PAUSE_MS);
  };

  readonly clearSearch = (): void => {
    this.search = '';
    void this.refresh();
  };

  readonly duplicate = (experiment: ExperimentSummary) =>
    this.#act(async () => {
      const reply = await lab.call('experiments.duplicate', { id: experiment.id });
      if (!reply.ok) return this.#fail(reply.error, `Could not duplicate “${experiment.name}”.`);
      await this.refresh();
      return `Duplicated “${experiment.name}” as “${reply.value.name}”.`;
    });

  readonly exportSpec = (experiment: ExperimentSummary) =>
    this.#act(async () => {
      const reply = await lab.call('experiments.get', { id: experiment.id });
      if (!reply.ok) return this.#fail(reply.error, `Could not read “${experiment.name}”.`);
      downloadSpec(reply.value.name, reply.value.spec);
      return `Exported “${experiment.name}” as JSON.`;
    });

  readonly importFile = (file: File) =>
    this.#act(async () => {
      const read = parseSpecFile(file.name, await file.text());
      if (!read.ok) {
        this.problem = { message: read.message, problems: [] };
        return null;
      }
      const reply = await lab.call('experiments.create', { spec: read.spec });
      if (!reply.ok) return this.#fail(reply.error, `Could not import ${file.name}.`);
      await this.refresh();
      return `Imported ${file.name} as “${reply.value.name}”.`;
    });

  readonly askRename = (experiment: ExperimentSummary): void => {
    this.renaming = experiment;
    this.renameOpen = true;
  };

  /** Renames from the dialog, which shows a refusal itself and stays open. */
  readonly rename = async (name: string): Promise<string | null> => {
    const target = this.renaming;
    if (target === null) return null;
    this.working = true;
    const reply = await lab.call('experiments.rename', { id: target.id, name });
    this.working = false;
    if (!reply.ok) return describeReplyError(reply.error).message;
    this.problem = null;
    this.notice = `Renamed “${target.name}” to “${reply.value.name}”.`;
    await this.refresh();
    return null;
  };

  readonly askDelete = (experiment: ExperimentSummary): void => {
    this.deleting = experiment;
    this.deleteOpen = true;
  };

  readonly remove = () =>
    this.#act(async () => {
      const target = this.deleting;
      if (target === null) return null;
      const reply = await deleteExperiment(target.id);
      this.deleteOpen = false;
      if (!reply.ok) return this.#fail(reply.error, `Could not delete “${target.name}”.`);
      await this.refresh();
      const runs = reply.value.deletedRuns;
      return `Deleted “${target.name}”${runs > 0 ? ` and its ${runs} run${runs === 1 ? '' : 's'}` : ''}.`;
    });

  /** Runs one action at a time, showing its outcome or its error in words. */
  async #act(action: () => Promise<string | null>): Promise<void> {
    this.working = true;
    this.problem = null;
    this.notice = '';
    try {
      const done = await action();
      if (done !== null) this.notice = done;
    } finally {
      this.working = false;
    }
  }

  #fail(error: ReplyError, what: string): null {
    const described = describeReplyError(error);
    this.problem = { message: `${what} ${described.message}`, problems: described.problems };
    return null;
  }
}
