// Predicts with a model exported by Basin, in plain TF.js (no tfjs-node needed).
//
//   npm install @tensorflow/tfjs
//   node predict.mjs records.json        # prints one prediction per record as JSON
//
// records.json is a JSON array. For a table: one object per row, keyed by the column names the
// model was trained on (raw values, as in the CSV). For images: one array of raw pixel values
// (0-255, row-major height × width × channels) per image.
//
// As a module: `const model = await loadBasinModel(folder); model.predict(records)`.
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';

/** An IOHandler that reads a TF.js layers model (model.json + weights) from a folder on disk. */
function folderHandler(folder) {
  return {
    async load() {
      const modelJson = JSON.parse(await readFile(join(folder, 'model.json'), 'utf8'));
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const specs = [];
        const buffers = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const path of group.paths) {
            const bytes = await readFile(join(folder, path));
            buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
          }
        }
        return [specs, tf.io.concatenateArrayBuffers(buffers)];
      });
    },
  };
}

// The cells Basin reads as missing, and the numbers it accepts, exactly as at training time.
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', '?']);
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function isMissing(raw) {
  if (raw === null || raw === undefined) return true;
  if (typeof raw === 'number') return Number.isNaN(raw);
  return MISSING.has(String(raw).trim().toLowerCase());
}

function numberOf(raw, column, row) {
  if (typeof raw === 'number') return raw;
  const text = String(raw).trim();
  if (!DECIMAL.test(text)) {
    throw new Error(
      `record ${row + 1}, column "${column}": expected a number, found ${JSON.stringify(raw)}`,
    );
  }
  return Number(text);
}

/** Writes one feature's input slots (one for a number, one per category for one-hot). */
function writeFeature(feature, raw, out, at, row) {
  const missing = isMissing(raw);
  if (missing && feature.fill === null) {
    throw new Error(
      `record ${row + 1}, column "${feature.column}": the value is missing and the model was trained without imputation`,
    );
  }
  if (feature.kind === 'numeric') {
    const value = missing ? feature.fill : numberOf(raw, feature.column, row);
    out[at] = (value - feature.center) / feature.scale;
    return 1;
  }
  const slot = feature.categories.indexOf(missing ? feature.fill : String(raw));
  if (feature.encoding === 'ordinal') {
    out[at] = slot;
    return 1;
  }
  if (slot >= 0) out[at + slot] = 1;
  return feature.categories.length;
}

/** Raw records → the model's input tensor, with the scaling and encoding fitted on the training split. */
function preprocess(input, records) {
  if (input.kind === 'image') {
    const size = input.shape.reduce((a, b) => a * b, 1);
    const x = new Float32Array(records.length * size);
    records.forEach((pixels, row) => {
      if (pixels.length !== size)
        throw new Error(`record ${row + 1}: expected ${size} pixel values, found ${pixels.length}`);
      pixels.forEach((value, p) => {
        x[row * size + p] = (value - input.center) / input.scale;
      });
    });
    return tf.tensor(x, [records.length, ...input.shape]);
  }
  const width = input.featureNames.length;
  const x = new Float32Array(records.length * width);
  records.forEach((record, row) => {
    let at = row * width;
    for (const feature of input.features)
      at += writeFeature(feature, record[feature.column], x, at, row);
  });
  return tf.tensor2d(x, [records.length, width]);
}

/** The model's outputs as predictions: class probabilities, values, or counts (e^log-rate). */
function predictionsOf(output, outputs, count) {
  const columns = outputs.length / count;
  return Array.from({ length: count }, (_, row) => {
    const at = row * columns;
    switch (output) {
      case 'class-probabilities':
        return Array.from(outputs.subarray(at, at + columns));
      case 'positive-probability':
        return [1 - outputs[at], outputs[at]];
      case 'log-rate':
        return [Math.exp(outputs[at])];
      default:
        return [outputs[at]];
    }
  });
}

async function loadMember(folder) {
  const preprocessing = JSON.parse(await readFile(join(folder, 'preprocessing.json'), 'utf8'));
  const model = await tf.loadLayersModel(folderHandler(folder));
  return { preprocessing, model };
}

async function exists(path) {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Loads an exported model or ensemble; its predict() takes raw records. */
export async function loadBasinModel(folder) {
  const ensembleFile = join(folder, 'ensemble.json');
  const folders = (await exists(ensembleFile))
    ? JSON.parse(await readFile(ensembleFile, 'utf8')).members.map((member) =>
        join(folder, member.folder),
      )
    : [folder];
  const members = await Promise.all(folders.map(loadMember));
  const { task, target } = members[0].preprocessing;
  return {
    members,
    task,
    /** One prediction per record; an ensemble averages its members' probabilities or predictions. */
    predict(records) {
      const summed = [];
      for (const { preprocessing, model } of members) {
        const outputs = tf.tidy(() =>
          model.predict(preprocess(preprocessing.input, records)).dataSync(),
        );
        predictionsOf(preprocessing.output, outputs, records.length).forEach((prediction, row) => {
          summed[row] = (summed[row] ?? prediction.map(() => 0)).map(
            (sum, i) => sum + prediction[i],
          );
        });
      }
      return summed.map((sum) => {
        const mean = sum.map((value) => value / members.length);
        if (task === 'regression') return { value: mean[0] };
        if (task === 'count') return { count: mean[0] };
        const best = mean.indexOf(Math.max(...mean));
        return {
          label: target.classes[best],
          probabilities: Object.fromEntries(target.classes.map((name, i) => [name, mean[i]])),
        };
      });
    },
  };
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href
) {
  const recordsFile = process.argv[2];
  if (recordsFile === undefined) {
    process.stderr.write('Usage: node predict.mjs records.json\n');
    process.exit(2);
  }
  const model = await loadBasinModel(fileURLToPath(new URL('.', import.meta.url)));
  const records = JSON.parse(await readFile(recordsFile, 'utf8'));
  process.stdout.write(`${JSON.stringify(model.predict(records))}\n`);
}
