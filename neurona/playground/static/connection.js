// The WebSocket to the server: messages out, and what to do with each message in.
import {$, run, state} from "./state.js";
import {decode} from "./colours.js";
import {syncControls} from "./controls.js";
import {buildDiagram} from "./diagram.js";
import {draw} from "./draw.js";
import {writeHash} from "./url.js";

export function send(message) {
  if (run.socket && run.socket.readyState === WebSocket.OPEN) run.socket.send(JSON.stringify(message));
}

export function configure(changes) {
  Object.assign(state.config, changes);
  writeHash();
  send({type: "config", config: changes});
}

export function connect() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const setup = encodeURIComponent(JSON.stringify(state.config));
  run.socket = new WebSocket(`${scheme}://${location.host}/ws?setup=${setup}`);
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
    requestAnimationFrame(() => { draw(); send({type: "drawn"}); });
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

export function showError(text) {
  $("error").textContent = text;
  window.playgroundStats.errors += 1;
  window.playgroundStats.lastError = text;
}

export function setPlaying(playing) {
  run.playing = playing;
  $("play").classList.toggle("playing", playing);
  $("play").textContent = playing ? "❚❚" : "▶";
}
