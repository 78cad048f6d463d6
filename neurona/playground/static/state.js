// The page's state: the set-up (as the server knows it), the run, and the constants of the controls.
export const FEATURES = [["x1", "x₁"], ["x2", "x₂"], ["x1_squared", "x₁²"], ["x2_squared", "x₂²"],
  ["x1_times_x2", "x₁x₂"], ["sin_x1", "sin x₁"], ["sin_x2", "sin x₂"]];
export const DATASETS = {classification: [["circle", "Circle"], ["xor", "XOR"], ["gaussian", "Gaussian"], ["spiral", "Spiral"]],
  regression: [["plane", "Plane"], ["multi_gaussian", "Multi-Gaussian"]]};
export const CHOICES = {
  learning_rate: [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10],
  activation: ["relu", "tanh", "sigmoid", "linear"],
  regularization: ["none", "l1", "l2"],
  regularization_rate: [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10],
  problem: ["classification", "regression"],
  optimizer: ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"],
  momentum: [0.5, 0.9, 0.95, 0.99], rho: [0.9, 0.95, 0.99], beta_1: [0.8, 0.9, 0.95], beta_2: [0.99, 0.999, 0.9999],
};
export const NUMERIC = new Set(["train_percent", "noise", "batch_size", "seed", "learning_rate", "regularization_rate",
  "momentum", "rho", "beta_1", "beta_2"]);
export const DEFAULTS = {problem: "classification", dataset: "circle", train_percent: 50, noise: 0, batch_size: 10, seed: 1,
  features: ["x1", "x2"], hidden: [4, 2], activation: "tanh", learning_rate: 0.03, regularization: "none",
  regularization_rate: 0, optimizer: "sgd", momentum: 0.9, rho: 0.9, beta_1: 0.9, beta_2: 0.999};
export const MAX_LAYERS = 6, MAX_NEURONS = 8, GRID = 64, NODE_GRID = 32, CHART_POINTS = 400;

export const $ = (id) => document.getElementById(id);
export const state = {config: {...DEFAULTS}, showTest: false, discretize: false};
export const run = {socket: null, playing: false, points: {train: [], test: []}, frame: null, pending: false,
  loss: [], valLoss: [], initial: null, nodes: [], links: [], layout: ""};
// Measured by the browser test: frames drawn, epochs seen, and when.
window.playgroundStats = {framesDrawn: 0, drawMs: 0, firstDraw: null, lastDraw: null, epoch: 0, testLoss: null, trainLoss: null,
  errors: 0, lastError: ""};
