import type { ChildLauncher } from '../child/launcher';
import type { DataDirLock } from './data-dir-lock';

/**
 * A launcher whose children are listed in the data folder's lock while they live, so that a lab
 * taking over from a crashed one ends them instead of leaving them orphaned. `record` wraps each
 * lock write (a full disk must not end the lab).
 */
export function registeringLauncher(
  launcher: ChildLauncher,
  lock: DataDirLock,
  record: (write: () => void) => void,
): ChildLauncher {
  return {
    launch(options) {
      const child = launcher.launch(options);
      const { pid } = child;
      if (pid !== undefined) {
        record(() => lock.childStarted(pid, options.script));
        child.onExit(() => record(() => lock.childEnded(pid)));
      }
      return child;
    },
  };
}
