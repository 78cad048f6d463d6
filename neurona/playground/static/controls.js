// The controls: selects, data set buttons, sliders and buttons, and keeping them in step with the set-up.
import {$, CHOICES, DATASETS, NUMERIC, run, state} from "./state.js";
import {configure, send} from "./connection.js";
import {buildDiagram, changeLayers} from "./diagram.js";
import {draw} from "./draw.js";
import {writeHash} from "./url.js";

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

export function syncControls() {
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

export function wireControls() {
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
