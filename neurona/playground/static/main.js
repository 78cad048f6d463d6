// neurona playground: the page. Controls set the configuration (kept in the URL), the server trains in
// neurona and streams frames over a WebSocket, and the page draws them.
import {GRID, run} from "./state.js";
import {connect} from "./connection.js";
import {syncControls, wireControls} from "./controls.js";
import {buildDiagram} from "./diagram.js";
import {readHash} from "./url.js";

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
