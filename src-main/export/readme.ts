import type { PreprocessingStats } from '@shared/data/prepare/prepared';
import type { OutputMeaning } from '@shared/contract/checkpoint-sidecar';

/** What the README says about an exported model. */
export interface ReadmeFacts {
  experimentName: string;
  /** e.g. "the best checkpoint of run 7 (restart 2), epoch 14". */
  description: string;
  task: string;
  output: OutputMeaning;
  preprocessing: PreprocessingStats;
  /** Member folders of an ensemble; empty for a single model. */
  memberFolders: string[];
  validationMetrics: Record<string, number>;
  testMetrics: Record<string, number> | null;
}

const outputs: Record<OutputMeaning, string> = {
  'class-probabilities': 'one probability per class (softmax), in the class order below',
  'positive-probability': `the probability of the positive class (sigmoid); the negative class gets 1 − p`,
  value: 'the predicted value',
  'log-rate': 'the log of the predicted rate (Poisson); the predicted count is e^output',
};

function metricsTable(metrics: Record<string, number>): string[] {
  const rows = Object.entries(metrics).map(
    ([key, value]) => `| ${key} | ${value.toPrecision(6)} |`,
  );
  return rows.length === 0 ? [] : ['| metric | value |', '| --- | --- |', ...rows];
}

function exampleRecord(stats: PreprocessingStats): string {
  const { input } = stats;
  if (input.kind === 'image') {
    const size = input.shape.reduce((a, b) => a * b, 1);
    return `[[${size} raw pixel values 0-255, height × width × channels = ${input.shape.join(' × ')}]]`;
  }
  const fields = input.features.map((feature) =>
    feature.kind === 'numeric'
      ? `${JSON.stringify(feature.column)}: ${Number(feature.center.toPrecision(4))}`
      : `${JSON.stringify(feature.column)}: ${JSON.stringify(feature.categories[0] ?? '')}`,
  );
  return `[{ ${fields.join(', ')} }]`;
}

function preprocessingLines(stats: PreprocessingStats): string[] {
  const { input } = stats;
  if (input.kind === 'image') {
    return [
      `Every pixel p becomes (p − ${input.center}) / ${input.scale}; the input tensor is`,
      `[n, ${input.shape.join(', ')}].`,
    ];
  }
  const rows = input.features.map((feature) =>
    feature.kind === 'numeric'
      ? `| ${feature.column} | number | (x − ${feature.center}) / ${feature.scale} | ${feature.fill ?? 'error'} |`
      : `| ${feature.column} | category | ${feature.encoding}: ${feature.categories.join(', ')} | ${feature.fill ?? 'error'} |`,
  );
  return [
    'The inputs, in this order (statistics fitted on the training split; a missing value is',
    'replaced by the fill, or refused where the fill is "error"):',
    '',
    '| column | kind | transformation | fill |',
    '| --- | --- | --- | --- |',
    ...rows,
  ];
}

/** README.md of an export folder: what the model is, and how to predict with it in TF.js and Keras. */
export function exportReadme(facts: ReadmeFacts): string {
  const { target } = facts.preprocessing;
  const ensemble = facts.memberFolders.length > 0;
  const modelJson = ensemble ? `${facts.memberFolders[0]}/model.json` : 'model.json';
  const lines = [
    `# ${facts.experimentName}`,
    '',
    `Exported by Basin: ${facts.description}. Task: ${facts.task}, target column "${target.column}".`,
    '',
    '## Files',
    '',
    ensemble
      ? `- ${facts.memberFolders.map((f) => `\`${f}/\``).join(', ')}: the members, each a TF.js layers model (\`model.json\`, \`weights.bin\`) with its \`preprocessing.json\``
      : '- `model.json`, `weights.bin`: the model in TF.js layers format',
    ensemble
      ? '- `ensemble.json`: the members and how they combine (the mean of their predictions)'
      : '- `preprocessing.json`: input scaling and encoding, target classes, what the output means',
    '- `predict.mjs`: loads the model and predicts on raw records, applying the preprocessing',
    '- `basin.json`: where the model comes from (experiment, runs, epochs, metrics)',
    '',
    '## Predict in TF.js',
    '',
    '```sh',
    'npm install @tensorflow/tfjs',
    'node predict.mjs records.json   # records.json: a JSON array of raw records',
    '```',
    '',
    'or from your own code (Node):',
    '',
    '```js',
    "import { loadBasinModel } from './predict.mjs';",
    '',
    "const model = await loadBasinModel('/path/to/this/folder');",
    `console.log(model.predict(${exampleRecord(facts.preprocessing)}));`,
    '```',
    '',
    'To use `tf.loadLayersModel` yourself: in a browser `await tf.loadLayersModel(url)` of',
    `\`${modelJson}\`; in Node, with \`@tensorflow/tfjs-node\` \`tf.loadLayersModel('file://…/${modelJson}')\`,`,
    'or with plain `@tensorflow/tfjs` through the folder IOHandler in `predict.mjs`. Then apply the',
    'preprocessing below before `model.predict`.',
    '',
    '## Preprocessing',
    '',
    ...preprocessingLines(facts.preprocessing),
    '',
    `The model outputs ${outputs[facts.output]}.`,
    ...(target.classes === null
      ? []
      : ['', `Classes, in output order: ${target.classes.join(', ')}.`]),
    ...(ensemble
      ? [
          '',
          'The ensemble averages its members’ class probabilities (or predictions) with equal weight.',
        ]
      : []),
    '',
    '## Keras',
    '',
    '```sh',
    'pip install tensorflowjs',
    ...(ensemble
      ? facts.memberFolders.map(
          (f) =>
            `tensorflowjs_converter --input_format=tfjs_layers_model --output_format=keras ${f}/model.json ${f}.h5`,
        )
      : [
          'tensorflowjs_converter --input_format=tfjs_layers_model --output_format=keras model.json model.h5',
        ]),
    '```',
    '',
    'The preprocessing is not part of the Keras model: apply it as described above.',
    '',
    '## Recorded metrics',
    '',
    'Validation:',
    '',
    ...metricsTable(facts.validationMetrics),
    '',
    ...(facts.testMetrics === null
      ? ['This model was not the one its run selected, so it was never scored on the test split.']
      : ['Test (scored once, after selection):', '', ...metricsTable(facts.testMetrics)]),
    '',
  ];
  return lines.join('\n');
}
