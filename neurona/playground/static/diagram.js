// The network diagram: feature nodes, hidden layers with +/- buttons, the output, and the links.
import {$, FEATURES, MAX_LAYERS, MAX_NEURONS, NODE_GRID, run, state} from "./state.js";
import {configure, showError} from "./connection.js";
import {drawLinks} from "./draw.js";

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

export function buildDiagram() {
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

export function changeLayers(delta) {
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
