import { download, slug } from '../lib/download';

/** Reading and writing an ExperimentSpec as a JSON file. */

export type SpecFileRead = { ok: true; spec: unknown } | { ok: false; message: string };

export function parseSpecFile(fileName: string, text: string): SpecFileRead {
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `${fileName} is not valid JSON (${why}).` };
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    return {
      ok: false,
      message: `${fileName} holds JSON, but not an experiment spec: expected an object ({ ... }).`,
    };
  }
  return { ok: true, spec };
}

/** A file name from an experiment name: letters, digits and dashes. */
export function specFileName(name: string): string {
  return `${slug(name, 'experiment')}.json`;
}

/** Saves `spec` through the browser's download, as the person's browser or Electron is set up. */
export function downloadSpec(name: string, spec: unknown): void {
  const text = `${JSON.stringify(spec, null, 2)}\n`;
  download(specFileName(name), new Blob([text], { type: 'application/json' }));
}
