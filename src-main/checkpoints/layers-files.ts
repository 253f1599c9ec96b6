/** The two files of the TF.js layers format, as Basin writes them: the names are the format. */
export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

export interface LayersModelFiles {
  [MODEL_FILE]: string;
  [WEIGHTS_FILE]: Uint8Array;
}
