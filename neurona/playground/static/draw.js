// Drawing a frame: the output's heat map with the points, every node's field, the links, the losses.
import {$, CHART_POINTS, GRID, NODE_GRID, run, state} from "./state.js";
import {colour, decode, paint} from "./colours.js";

export function draw() {
  run.pending = false;
  const frame = run.frame, start = performance.now();
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
  stats.drawMs += now - start;
}

function drawPoints(context) {
  const sets = state.showTest ? [["train", "#fff"], ["test", "#000"]] : [["train", "#fff"]];
  const classify = state.config.problem === "classification";
  for (const [name, stroke] of sets) {
    for (const [x1, x2, y] of run.points[name]) {
      context.beginPath();
      context.arc((x1 + 6) / 12 * 300, (6 - x2) / 12 * 300, 3.5, 0, 2 * Math.PI);
      context.fillStyle = colour(classify ? 2 * y - 1 : y);
      context.fill();
      context.lineWidth = 0.8;
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

export function drawLinks(weights) {
  for (const link of run.links) {
    const w = weights[link.layer]?.kernel[link.from]?.[link.to];
    if (w === undefined) continue;  // a frame of the previous layout
    link.line.setAttribute("stroke", colour(Math.max(-1, Math.min(1, w))));
    link.line.setAttribute("stroke-width", Math.min(8, 0.5 + Math.abs(w) * 2).toFixed(2));
    link.title.textContent = `weight ${w.toFixed(4)}`;
  }
}
