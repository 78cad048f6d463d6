// neurona playground: the page. Controls set the configuration (kept in the URL),
// the server trains in neurona and streams frames over a WebSocket, and the page draws them.
"use strict";

const FEATURES = [["x1", "x₁"], ["x2", "x₂"], ["x1_squared", "x₁²"], ["x2_squared", "x₂²"],
  ["x1_times_x2", "x₁x₂"], ["sin_x1", "sin x₁"], ["sin_x2", "sin x₂"]];
const DATASETS = {classification: [["circle", "Circle"], ["xor", "XOR"], ["gaussian", "Gaussian"], ["spiral", "Spiral"]],
  regression: [["plane", "Plane"], ["multi_gaussian", "Multi-Gaussian"]]};
const CHOICES = {
  learning_rate: [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10],
  activation: ["relu", "tanh", "sigmoid", "linear"],
  regularization: ["none", "l1", "l2"],
  regularization_rate: [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10],
  problem: ["classification", "regression"],
  optimizer: ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"],
  momentum: [0.5, 0.9, 0.95, 0.99], rho: [0.9, 0.95, 0.99], beta_1: [0.8, 0.9, 0.95], beta_2: [0.99, 0.999, 0.9999],
};
const NUMERIC = new Set(["train_percent", "noise", "batch_size", "seed", "learning_rate", "regularization_rate",
  "momentum", "rho", "beta_1", "beta_2"]);
const DEFAULTS = {problem: "classification", dataset: "circle", train_percent: 50, noise: 0, batch_size: 10, seed: 1,
  features: ["x1", "x2"], hidden: [4, 2], activation: "tanh", learning_rate: 0.03, regularization: "none",
  regularization_rate: 0, optimizer: "sgd", momentum: 0.9, rho: 0.9, beta_1: 0.9, beta_2: 0.999};
const MAX_LAYERS = 6, MAX_NEURONS = 8, GRID = 64, NODE_GRID = 32, CHART_POINTS = 400;

const $ = (id) => document.getElementById(id);
const state = {config: {...DEFAULTS}, showTest: false, discretize: false};
const run = {socket: null, playing: false, points: {train: [], test: []}, frame: null, pending: false,
  loss: [], valLoss: [], initial: null, nodes: [], links: [], layout: ""};
// Measured by the browser test: frames drawn, epochs seen, and when.
window.playgroundStats = {framesDrawn: 0, firstDraw: null, lastDraw: null, epoch: 0, testLoss: null, trainLoss: null,
  errors: 0, lastError: ""};

// ----------------------------------------------------------------- colours
const LUT = (() => {
  const orange = [245, 147, 34], white = [232, 234, 235], blue = [8, 119, 189], table = new Uint8ClampedArray(256 * 4);
  for (let i = 0; i < 256; i++) {
    const t = i / 255 * 2 - 1, end = t < 0 ? orange : blue, a = Math.abs(t);
    for (let c = 0; c < 3; c++) table[i * 4 + c] = white[c] + (end[c] - white[c]) * a;
    table[i * 4 + 3] = 255;
  }
  return table;
})();
const colour = (value) => {
  const i = Math.max(0, Math.min(255, Math.round((value + 1) * 127.5))) * 4;
  return `rgb(${LUT[i]},${LUT[i + 1]},${LUT[i + 2]})`;
};

function paint(canvas, bytes, offset, size, discretize) {
  const context = canvas.getContext("2d"), image = context.createImageData(size, size), data = image.data;
  for (let i = 0; i < size * size; i++) {
    let v = bytes[offset + i];
    if (discretize) v = v >= 128 ? 255 : 0;
    data.set(LUT.subarray(v * 4, v * 4 + 4), i * 4);
  }
  context.putImageData(image, 0, 0);
}

function decode(base64) {
  const text = atob(base64), bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

// ----------------------------------------------------------------- URL state
function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  for (const [key, value] of params) {
    if (key === "show_test") state.showTest = value === "true";
    else if (key === "discretize") state.discretize = value === "true";
    else if (key === "features") state.config.features = value ? value.split(",") : [];
    else if (key === "hidden") state.config.hidden = value ? value.split(",").map(Number) : [];
    else if (key in DEFAULTS) state.config[key] = NUMERIC.has(key) ? Number(value) : value;
  }
}

function writeHash() {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state.config)) params.set(key, Array.isArray(value) ? value.join(",") : value);
  params.set("show_test", state.showTest);
  params.set("discretize", state.discretize);
  history.replaceState(null, "", "#" + params.toString());
}

// ----------------------------------------------------------------- server
function send(message) {
  if (run.socket && run.socket.readyState === WebSocket.OPEN) run.socket.send(JSON.stringify(message));
}

function configure(changes) {
  Object.assign(state.config, changes);
  writeHash();
  send({type: "config", config: changes});
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  run.socket = new WebSocket(`${scheme}://${location.host}/ws`);
  run.socket.onopen = () => send({type: "config", config: state.config});
  run.socket.onmessage = (event) => receive(JSON.parse(event.data));
  run.socket.onclose = () => showError("disconnected from the server: reload the page to start again");
}

function receive(message) {
  if (message.type === "data") onData(message);
  else if (message.type === "frame") onFrame(message);
  else if (message.type === "status") setPlaying(message.playing);
  else if (message.type === "error") showError(message.message);
  else if (message.type === "code") download(message.filename, new Blob([message.source], {type: "text/x-python"}));
  else if (message.type === "model") download(message.filename, new Blob([decode(message.data)], {type: "application/zip"}));
}

function onData(message) {
  state.config = {...message.config};
  writeHash();
  syncControls();
  run.points = {train: message.train, test: message.test};
  run.loss = []; run.valLoss = []; run.initial = message.initial;
  $("error").textContent = "";
  if (run.layout !== JSON.stringify([state.config.features, state.config.hidden])) buildDiagram();
  setPlaying(false);
}

function onFrame(frame) {
  setPlaying(frame.playing);
  run.loss.push(...frame.loss);
  run.valLoss.push(...frame.val_loss);
  run.frame = frame;
  if (!run.pending) {
    run.pending = true;
    requestAnimationFrame(draw);
  }
}

function download(filename, blob) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

function showError(text) {
  $("error").textContent = text;
  window.playgroundStats.errors += 1;
  window.playgroundStats.lastError = text;
}

function setPlaying(playing) {
  run.playing = playing;
  $("play").classList.toggle("playing", playing);
  $("play").textContent = playing ? "❚❚" : "▶";
}

// ----------------------------------------------------------------- drawing
function draw() {
  run.pending = false;
  const frame = run.frame;
  if (!frame) return;
  const output = decode(frame.output), nodes = decode(frame.nodes), size = NODE_GRID * NODE_GRID;
  paint(run.heat, output, 0, GRID, state.discretize);
  const heatmap = $("heatmap").getContext("2d");
  heatmap.imageSmoothingEnabled = !state.discretize;
  heatmap.drawImage(run.heat, 0, 0, 300, 300);
  drawPoints(heatmap);
  run.outputCanvas.getContext("2d").drawImage(run.heat, 0, 0, NODE_GRID, NODE_GRID);
  run.nodes.forEach((node, i) => { if ((i + 1) * size <= nodes.length) paint(node.canvas, nodes, i * size, NODE_GRID, false); });
  drawLinks(frame.weights);
  drawLosses(frame.epoch);
  drawDiagnosis(frame.diagnosis);
  const stats = window.playgroundStats, now = performance.now();
  stats.framesDrawn += 1; stats.firstDraw = stats.firstDraw ?? now; stats.lastDraw = now; stats.epoch = frame.epoch;
  send({type: "drawn"});
}

function drawPoints(context) {
  const sets = state.showTest ? [["train", "#fff"], ["test", "#000"]] : [["train", "#fff"]];
  const classify = state.config.problem === "classification";
  for (const [name, stroke] of sets) {
    for (const [x1, x2, y] of run.points[name]) {
      context.beginPath();
      context.arc((x1 + 6) / 12 * 300, (6 - x2) / 12 * 300, 3, 0, 2 * Math.PI);
      context.fillStyle = colour(classify ? 2 * y - 1 : y);
      context.fill();
      context.lineWidth = 1;
      context.strokeStyle = stroke;
      context.stroke();
    }
  }
}

function drawLosses(epoch) {
  const last = (values) => values.length ? values[values.length - 1] : null;
  const train = last(run.loss) ?? run.initial?.loss, test = last(run.valLoss) ?? run.initial?.val_loss;
  $("train-loss").textContent = train == null ? "–" : train.toFixed(3);
  $("test-loss").textContent = test == null ? "–" : test.toFixed(3);
  $("epoch").textContent = String(epoch).padStart(6, "0").replace(/(\d{3})(\d{3})$/, "$1,$2");
  Object.assign(window.playgroundStats, {trainLoss: train, testLoss: test});
  const canvas = $("loss-chart"), context = canvas.getContext("2d"), w = canvas.width, h = canvas.height;
  context.clearRect(0, 0, w, h);
  const series = [[run.loss, "#333"], [run.valLoss, "#f59322"]];
  const finite = run.loss.concat(run.valLoss).filter(Number.isFinite);
  if (!finite.length) return;
  const top = Math.max(...finite.slice(-4 * CHART_POINTS)) || 1, stride = Math.max(1, Math.ceil(run.loss.length / CHART_POINTS));
  for (const [values, stroke] of series) {
    context.beginPath();
    for (let i = 0; i < values.length; i += stride) {
      const x = values.length > 1 ? i / (values.length - 1) * w : 0, y = h - Math.min(values[i] / top, 1) * (h - 4);
      i ? context.lineTo(x, y) : context.moveTo(x, y);
    }
    context.strokeStyle = stroke;
    context.lineWidth = 1.5;
    context.stroke();
  }
}

function drawDiagnosis(diagnosis) {
  if (diagnosis === undefined) return;
  $("diagnosis").textContent = diagnosis ? diagnosis.text : "";
}

function drawLinks(weights) {
  for (const link of run.links) {
    const w = weights[link.layer]?.kernel[link.from]?.[link.to];
    if (w === undefined) continue;  // a frame of the previous layout
    link.line.setAttribute("stroke", colour(Math.max(-1, Math.min(1, w))));
    link.line.setAttribute("stroke-width", Math.min(8, 0.5 + Math.abs(w) * 2).toFixed(2));
    link.title.textContent = `weight ${w.toFixed(4)}`;
  }
}

// ----------------------------------------------------------------- diagram
function nodeElement(title) {
  const node = document.createElement("div"), canvas = document.createElement("canvas");
  node.className = "node";
  node.title = title;
  canvas.width = canvas.height = NODE_GRID;
  node.appendChild(canvas);
  return {element: node, canvas};
}

function column(title) {
  const element = document.createElement("div"), heading = document.createElement("div");
  element.className = "column";
  heading.className = "column-title";
  heading.textContent = title;
  element.appendChild(heading);
  $("columns").appendChild(element);
  return {element, heading};
}

function featureColumn() {
  const {element} = column("Features");
  const inputs = [];
  for (const [name, label] of FEATURES) {
    const row = document.createElement("div"), on = state.config.features.includes(name), node = nodeElement(label);
    row.className = "feature" + (on ? "" : " off");
    row.dataset.feature = name;
    row.append(label, node.element);
    node.element.addEventListener("click", () => toggleFeature(name));
    element.appendChild(row);
    if (on) inputs.push(node);
  }
  return inputs;
}

function hiddenColumn(index, units) {
  const {element, heading} = column(`${units} neuron${units > 1 ? "s" : ""}`);
  const controls = document.createElement("div"), plus = document.createElement("button"), minus = document.createElement("button");
  controls.className = "neuron-controls";
  plus.textContent = "+"; minus.textContent = "−";
  plus.title = "Add a neuron"; minus.title = "Remove a neuron";
  plus.addEventListener("click", () => changeUnits(index, +1));
  minus.addEventListener("click", () => changeUnits(index, -1));
  controls.append(plus, minus);
  heading.prepend(controls);
  const nodes = [];
  for (let u = 0; u < units; u++) {
    const node = nodeElement(`layer ${index + 1}, neuron ${u + 1}`);
    element.appendChild(node.element);
    nodes.push(node);
  }
  return nodes;
}

function buildDiagram() {
  run.layout = JSON.stringify([state.config.features, state.config.hidden]);
  $("columns").replaceChildren();
  const layers = [featureColumn(), ...state.config.hidden.map((units, i) => hiddenColumn(i, units))];
  const output = column("Output");
  const outNode = nodeElement("output");
  run.outputCanvas = outNode.canvas;
  output.element.appendChild(outNode.element);
  layers.push([outNode]);
  run.nodes = layers.slice(0, -1).flat();
  $("layer-count").textContent = `${state.config.hidden.length} hidden layer${state.config.hidden.length === 1 ? "" : "s"}`;
  requestAnimationFrame(() => buildLinks(layers));
}

function buildLinks(layers) {
  const svg = $("links"), box = $("diagram").getBoundingClientRect(), ns = "http://www.w3.org/2000/svg";
  svg.replaceChildren();
  run.links = [];
  const centre = (node, side) => {
    const r = node.element.getBoundingClientRect();
    return [(side ? r.left : r.right) - box.left, r.top + r.height / 2 - box.top];
  };
  for (let layer = 0; layer + 1 < layers.length; layer++) {
    layers[layer].forEach((from, i) => layers[layer + 1].forEach((to, j) => {
      const line = document.createElementNS(ns, "line"), title = document.createElementNS(ns, "title");
      const [x1, y1] = centre(from, false), [x2, y2] = centre(to, true);
      line.setAttribute("x1", x1); line.setAttribute("y1", y1); line.setAttribute("x2", x2); line.setAttribute("y2", y2);
      line.appendChild(title);
      svg.appendChild(line);
      run.links.push({layer, from: i, to: j, line, title});
    }));
  }
  if (run.frame && run.frame.weights.length === layers.length - 1) drawLinks(run.frame.weights);
}

function toggleFeature(name) {
  const on = state.config.features.includes(name);
  if (on && state.config.features.length === 1) return showError("keep at least one feature");
  const features = on ? state.config.features.filter((f) => f !== name) : [...state.config.features, name];
  configure({features: FEATURES.map(([f]) => f).filter((f) => features.includes(f))});
}

function changeLayers(delta) {
  const hidden = [...state.config.hidden];
  if (delta > 0 && hidden.length < MAX_LAYERS) hidden.push(2);
  else if (delta < 0 && hidden.length) hidden.pop();
  else return;
  configure({hidden});
}

function changeUnits(index, delta) {
  const hidden = [...state.config.hidden], units = hidden[index] + delta;
  if (units < 1 || units > MAX_NEURONS) return;
  hidden[index] = units;
  configure({hidden});
}

// ----------------------------------------------------------------- controls
function fillSelect(id) {
  for (const value of CHOICES[id]) {
    const option = document.createElement("option");
    option.value = String(value);
    option.textContent = String(value);
    $(id).appendChild(option);
  }
  $(id).addEventListener("change", () => {
    const value = NUMERIC.has(id) ? Number($(id).value) : $(id).value;
    if (id === "problem") configure({problem: value, dataset: DATASETS[value][0][0]});
    else configure({[id]: value});
  });
}

function datasetButtons() {
  for (const [kind, sets] of Object.entries(DATASETS)) {
    for (const [name, label] of sets) {
      const button = document.createElement("button");
      button.textContent = label;
      button.dataset.dataset = name;
      button.dataset.problem = kind;
      button.addEventListener("click", () => configure({problem: kind, dataset: name}));
      $("datasets").appendChild(button);
    }
  }
}

function slider(id) {
  const update = () => { $(id + "_value").textContent = $(id).value; };
  $(id).addEventListener("input", update);
  $(id).addEventListener("change", () => configure({[id]: Number($(id).value)}));
}

function syncControls() {
  for (const id of Object.keys(CHOICES)) $(id).value = String(state.config[id]);
  for (const id of ["train_percent", "noise", "batch_size"]) {
    $(id).value = state.config[id];
    $(id + "_value").textContent = state.config[id];
  }
  for (const button of $("datasets").children) {
    button.classList.toggle("selected", button.dataset.dataset === state.config.dataset);
    button.classList.toggle("other", button.dataset.problem !== state.config.problem);
  }
  for (const label of document.querySelectorAll(".hyper")) {
    label.classList.toggle("hidden", !label.dataset.for.split(" ").includes(state.config.optimizer));
  }
  $("show_test").checked = state.showTest;
  $("discretize").checked = state.discretize;
}

function wireControls() {
  Object.keys(CHOICES).forEach(fillSelect);
  datasetButtons();
  ["train_percent", "noise", "batch_size"].forEach(slider);
  $("play").addEventListener("click", () => send({type: run.playing ? "pause" : "play"}));
  $("step").addEventListener("click", () => send({type: "step"}));
  $("reset").addEventListener("click", () => send({type: "reset"}));
  $("regenerate").addEventListener("click", () => send({type: "regenerate"}));
  $("add-layer").addEventListener("click", () => changeLayers(+1));
  $("remove-layer").addEventListener("click", () => changeLayers(-1));
  $("export-code").addEventListener("click", () => send({type: "export_code"}));
  $("export-model").addEventListener("click", () => send({type: "export_model"}));
  for (const [id, key] of [["show_test", "showTest"], ["discretize", "discretize"]]) {
    $(id).addEventListener("change", () => { state[key] = $(id).checked; writeHash(); run.pending = true; requestAnimationFrame(draw); });
  }
  window.addEventListener("resize", () => buildDiagram());
}

function start() {
  run.heat = document.createElement("canvas");
  run.heat.width = run.heat.height = GRID;
  readHash();
  wireControls();
  syncControls();
  buildDiagram();
  connect();
}

document.addEventListener("DOMContentLoaded", start);
