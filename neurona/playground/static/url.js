// The whole set-up in the URL (after #), so that a link reproduces it.
import {DEFAULTS, NUMERIC, state} from "./state.js";

export function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  for (const [key, value] of params) {
    if (key === "show_test") state.showTest = value === "true";
    else if (key === "discretize") state.discretize = value === "true";
    else if (key === "features") state.config.features = value ? value.split(",") : [];
    else if (key === "hidden") state.config.hidden = value ? value.split(",").map(Number) : [];
    else if (key in DEFAULTS) state.config[key] = NUMERIC.has(key) ? Number(value) : value;
  }
}

export function writeHash() {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state.config)) params.set(key, Array.isArray(value) ? value.join(",") : value);
  params.set("show_test", state.showTest);
  params.set("discretize", state.discretize);
  history.replaceState(null, "", "#" + params.toString());
}
