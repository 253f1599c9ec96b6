import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckpointSidecar, RunIdentity } from '@shared/contract/checkpoint-sidecar';
import type { CheckpointKind } from '@shared/contract/trainer-protocol';
import { writeFolderAtomically } from '../files/atomic-write';
import { MODEL_FILE, WEIGHTS_FILE, type LayersModelFiles } from './layers-files';
import { SIDECAR_FILE } from './sidecar';

export const ENSEMBLE_FILE = 'ensemble.json';

/**
 * The run's checkpoint folder, which the trainer writes and the lab, evaluator and export read:
 * `best/`, `final/`, `swa/`, `snapshot-<n>/`, `ensemble/` and the two newest `resume-…/`. Every
 * folder is written atomically.
 */
export class RunFolder {
  /** Newest last. See `saveResume` for which are kept. */
  private resumeFolders: { folder: string; epoch: number }[] = [];

  constructor(
    readonly root: string,
    readonly identity: RunIdentity,
  ) {}

  sidecar(kind: CheckpointKind, epoch: number, metrics: Record<string, number>): CheckpointSidecar {
    return {
      format: 'basin-checkpoint',
      formatVersion: 1,
      ...this.identity,
      kind,
      epoch,
      metrics,
      createdAt: new Date().toISOString(),
    };
  }

  /** Saves an encoded model as a checkpoint of `kind` in `name/`; returns the folder. */
  async saveModel(
    kind: CheckpointKind,
    name: string,
    model: LayersModelFiles,
    epoch: number,
    metrics: Record<string, number>,
    extraFiles: Readonly<Record<string, Uint8Array | string>> = {},
  ): Promise<string> {
    const folder = join(this.root, name);
    await writeFolderAtomically(folder, {
      ...model,
      [SIDECAR_FILE]: JSON.stringify(this.sidecar(kind, epoch, metrics), null, 1),
      ...extraFiles,
    });
    return folder;
  }

  /**
   * Writes a resume checkpoint and keeps the newest one of each of the two newest epochs. The lab
   * commits an epoch's metrics when it receives them, which can be after this write; the newest
   * checkpoint of the epoch before is then the newest one whose curve is committed, so a lab killed
   * in that moment still resumes exactly. Counting epochs rather than folders matters when the lab
   * dies: the trainer then stops with a mid-epoch checkpoint of the epoch it just finished, which
   * must not push out the previous epoch's, the only one the lab may have committed.
   */
  async saveResume(
    name: string,
    model: LayersModelFiles,
    epoch: number,
    extraFiles: Readonly<Record<string, Uint8Array | string>>,
  ): Promise<string> {
    const folder = await this.saveModel('resume', name, model, epoch, {}, extraFiles);
    this.adoptResume(folder, epoch);
    const kept = this.resumeFolders.filter((saved, i, all) =>
      all.slice(i + 1).every((later) => later.epoch !== saved.epoch),
    );
    const stale = this.resumeFolders.filter((saved) => !kept.slice(-2).includes(saved));
    this.resumeFolders = kept.slice(-2);
    for (const { folder: old } of stale) await rm(old, { recursive: true, force: true });
    return folder;
  }

  /** Adopts the resume folder a run continued from, so later resumes replace it in turn. */
  adoptResume(folder: string, epoch: number): void {
    this.resumeFolders = [
      ...this.resumeFolders.filter((kept) => kept.folder !== folder),
      { folder, epoch },
    ];
  }

  /** An ensemble folder: `member-<n>/` layers models plus ensemble.json describing how they combine. */
  async saveEnsemble(
    members: { epoch: number; files: LayersModelFiles }[],
    description: Record<string, unknown>,
  ): Promise<{ folder: string; memberFolders: string[] }> {
    const folder = join(this.root, 'ensemble');
    const files: Record<string, Uint8Array | string> = {};
    const memberNames = members.map((_, i) => `member-${String(i + 1).padStart(2, '0')}`);
    members.forEach((member, i) => {
      const name = memberNames[i] as string;
      files[`${name}/${MODEL_FILE}`] = member.files[MODEL_FILE];
      files[`${name}/${WEIGHTS_FILE}`] = member.files[WEIGHTS_FILE];
    });
    files[ENSEMBLE_FILE] = JSON.stringify(
      {
        format: 'basin-ensemble',
        formatVersion: 1,
        ...this.identity,
        members: members.map((member, i) => ({ folder: memberNames[i], epoch: member.epoch })),
        ...description,
        createdAt: new Date().toISOString(),
      },
      null,
      1,
    );
    await writeFolderAtomically(folder, files);
    return { folder, memberFolders: memberNames.map((name) => join(folder, name)) };
  }
}
