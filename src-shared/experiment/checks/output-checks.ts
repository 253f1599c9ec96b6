import type { Activation } from '../activation';
import type { Task } from '../datasets';
import { layerKind } from '../layer-kinds';
import type { DenseLayer, Layer } from '../model';
import type { Loss } from '../optimization';
import type { PathKey } from '../paths';
import { specProblem, type SpecProblem } from '../problems';
import { effectiveLoss, type CheckContext } from './context';

interface OutputLayer {
  index: number;
  layer: DenseLayer;
  /** The activation in effect at the output: a trailing activation layer's, else the dense layer's. */
  activation: Activation;
  activationPath: PathKey[];
}

type OutputSearch =
  { output: OutputLayer; problems: SpecProblem[] } | { output: null; problems: SpecProblem[] };

/** Walks back from the end: only activation and dropout layers may follow the output dense layer. */
function findOutput(layers: readonly (Layer | null)[]): OutputSearch {
  const problems: SpecProblem[] = [];
  let trailingActivation: { activation: Activation; index: number } | null = null;
  for (let index = layers.length - 1; index >= 0; index -= 1) {
    const layer = layers[index];
    if (layer === null || layer === undefined) return { output: null, problems };
    const role = layerKind(layer).outputRole(layer);
    switch (role.role) {
      case 'activation':
        trailingActivation ??= { activation: role.activation, index };
        break;
      case 'dropout':
        problems.push(
          specProblem(
            'warning',
            ['model', 'layers', index],
            'drops model outputs at random: dropout belongs before the output layer',
            layer,
          ),
        );
        break;
      case 'output':
        return {
          output: {
            index,
            layer: role.layer,
            activation: trailingActivation?.activation ?? role.layer.activation,
            activationPath:
              trailingActivation === null
                ? ['model', 'layers', index, 'activation']
                : ['model', 'layers', trailingActivation.index, 'activation'],
          },
          problems,
        };
      case 'none':
        problems.push(
          specProblem(
            'error',
            ['model', 'layers', index, 'type'],
            'cannot end the model: the output must be a dense layer (only activation layers may follow it)',
            layer.type,
          ),
        );
        return { output: null, problems };
    }
  }
  return { output: null, problems };
}

const isClassification = (task: Task | null) => task === 'binary' || task === 'multiclass';

/** Loss versus output activation, and loss versus task: at most one problem, at the loss. */
function lossProblem(
  loss: Loss,
  isDefault: boolean,
  output: OutputLayer,
  task: Task | null,
  classCount: number | null,
): SpecProblem | null {
  const activation = output.activation.kind;
  const where = `the output activation (model.layers[${output.index}]) is ${activation}`;
  const problem = (severity: 'error' | 'warning', message: string) =>
    specProblem(
      severity,
      ['optimization', 'loss'],
      isDefault
        ? `${message} (${loss.kind} is the default loss for a ${task ?? ''} task)`
        : message,
      isDefault ? 'auto' : loss,
    );
  switch (loss.kind) {
    case 'categoricalCrossentropy':
      if (task === 'regression' || task === 'count') {
        return problem(
          'error',
          `is for class labels, but the task is ${task}: use mse, mae or huber (poisson for counts) with a linear output`,
        );
      }
      if (activation !== 'softmax') {
        return problem(
          'error',
          `categoricalCrossentropy expects softmax class probabilities that sum to 1, but ${where}: use softmax there${activation === 'sigmoid' ? ', or binaryCrossentropy for a sigmoid output' : ''}`,
        );
      }
      return null;
    case 'binaryCrossentropy':
      if (task === 'regression' || task === 'count') {
        return problem(
          'error',
          `is for class labels, but the task is ${task}: use mse, mae or huber (poisson for counts) with a linear output`,
        );
      }
      if (task === 'multiclass') {
        return problem(
          'error',
          `treats every output unit as an independent yes/no, but each example has exactly one of ${classCount ?? 'several'} classes: use categoricalCrossentropy with a softmax output`,
        );
      }
      if (activation !== 'sigmoid') {
        return problem(
          'error',
          `binaryCrossentropy expects a sigmoid probability, but ${where}: use sigmoid there${activation === 'softmax' ? ', or categoricalCrossentropy for a softmax output' : ''}`,
        );
      }
      return null;
    case 'mse':
    case 'mae':
    case 'huber':
      if (activation === 'softmax' && task !== 'regression' && task !== 'count') {
        return problem(
          'warning',
          `${loss.kind} on softmax probabilities learns slowly because their gradients vanish as they saturate: softmax pairs with categoricalCrossentropy`,
        );
      }
      if (activation === 'sigmoid' && isClassification(task)) {
        return problem(
          'warning',
          `${loss.kind} on a sigmoid probability learns slowly because its gradient vanishes as it saturates: sigmoid pairs with binaryCrossentropy`,
        );
      }
      if (isClassification(task)) {
        return problem(
          'warning',
          `is a regression loss, but the task is ${task ?? ''}: use ${task === 'binary' ? 'binaryCrossentropy with a sigmoid output' : 'categoricalCrossentropy with a softmax output'}`,
        );
      }
      if (task === 'count') {
        // The run trains, but Poisson deviance needs rates > 0, which this output does not promise.
        return problem(
          'warning',
          `predicts any real number rather than a rate, so Poisson deviance is undefined in every epoch where a prediction is ≤ 0: use poisson, whose linear output is the log-rate (the rate, its exponential, is always > 0)`,
        );
      }
      return null;
    case 'poisson':
      if (isClassification(task)) {
        return problem(
          'error',
          `is for counts, but the task is ${task ?? ''}: use ${task === 'binary' ? 'binaryCrossentropy with a sigmoid output' : 'categoricalCrossentropy with a softmax output'}`,
        );
      }
      if (activation !== 'linear') {
        return problem(
          'error',
          `poisson takes the log of the rate from a linear output (the rate is its exponential), but ${where}: use linear there`,
        );
      }
      if (task === 'regression') {
        return problem(
          'warning',
          'assumes non-negative whole-number counts, but the task is regression: use mse, mae or huber, or set data.task to "count"',
        );
      }
      return null;
  }
}

/** The output activation versus the task. */
function activationProblem(
  output: OutputLayer,
  task: Task | null,
  classCount: number | null,
): SpecProblem | null {
  const { activation, activationPath, layer } = output;
  const problem = (message: string) => specProblem('error', activationPath, message, activation);
  if (activation.kind === 'softmax' && layer.units === 1) {
    return problem(
      'softmax over a single unit always outputs 1, so nothing can be learned: use 1 sigmoid unit with binaryCrossentropy, or 2 softmax units with categoricalCrossentropy',
    );
  }
  const classes = classCount === null ? 'several' : String(classCount);
  switch (task) {
    case 'multiclass':
      if (activation.kind === 'sigmoid') {
        return problem(
          `scores each unit on its own, but this multiclass task has ${classes} classes with exactly one per example: use softmax with ${classes} units and categoricalCrossentropy`,
        );
      }
      if (activation.kind !== 'softmax') {
        return problem(
          `must turn the outputs into class probabilities for this ${classes}-class task: use softmax with categoricalCrossentropy`,
        );
      }
      return null;
    case 'binary':
      if (activation.kind !== 'sigmoid' && activation.kind !== 'softmax') {
        return problem(
          'must turn the output into a probability for this binary task: use sigmoid (1 unit) with binaryCrossentropy',
        );
      }
      return null;
    case 'regression':
    case 'count':
      if (
        activation.kind === 'sigmoid' ||
        activation.kind === 'softmax' ||
        activation.kind === 'tanh'
      ) {
        return problem(
          `bounds the prediction to a fixed range, but the task is ${task}: use linear${task === 'count' ? ' (with poisson, the output is the log-rate)' : ''}`,
        );
      }
      return null;
    case null:
      return null;
  }
}

/** The number of output units versus the task. */
function unitsProblem(
  output: OutputLayer,
  task: Task | null,
  classCount: number | null,
): SpecProblem | null {
  const { units } = output.layer;
  const problem = (message: string) =>
    specProblem('error', ['model', 'layers', output.index, 'units'], message, units);
  switch (task) {
    case 'binary':
      if (output.activation.kind === 'softmax') {
        return units === 2 || units === 1
          ? null
          : problem('must be 2 for a binary task with a softmax output (one unit per class)');
      }
      return units === 1
        ? null
        : problem(
            'must be 1 for a binary task: the output is the probability of the positive class',
          );
    case 'multiclass':
      return classCount === null || units === classCount
        ? null
        : problem(`must be ${classCount} for this ${classCount}-class task (one unit per class)`);
    case 'regression':
    case 'count':
      return units === 1
        ? null
        : problem(`must be 1 for a ${task} task: the model predicts one value per example`);
    case null:
      return null;
  }
}

/** Output layer, output activation, loss, task and class count must agree. */
export function outputChecks(context: CheckContext): SpecProblem[] {
  const { output, problems } = findOutput(context.layers);
  if (output === null) return problems;
  const task = context.facts?.task ?? null;
  const classCount = context.facts?.classCount ?? null;
  const loss = effectiveLoss(context);
  const activation = activationProblem(output, task, classCount);
  // A default loss fits the task by construction: when the activation is wrong, that is the news.
  const lossFault =
    loss === null || (loss.isDefault && activation !== null)
      ? null
      : lossProblem(loss.loss, loss.isDefault, output, task, classCount);
  const found = [...problems, lossFault, activation, unitsProblem(output, task, classCount)];
  if (context.sections.model?.outputBias === 'auto' && !output.layer.useBias) {
    found.push(
      specProblem(
        'warning',
        ['model', 'outputBias'],
        `is "auto" but the output layer (model.layers[${output.index}]) has useBias false, so there is no bias to set`,
        'auto',
      ),
    );
  }
  return found.filter((problem) => problem !== null);
}
