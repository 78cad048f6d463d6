"""One page's WebSocket: its messages change a :class:`Session`; a task trains it and streams frames.

Training runs in the event loop in chunks of about 20 ms (whole epochs of
``fit``), so messages such as ``pause`` are handled between chunks. Frames are
paced by the page: at most ``MAX_UNDRAWN`` frames are sent before the page
answers ``drawn`` (or ``STALL_SECONDS`` pass), and at most one every ``FRAME_SECONDS``.
"""
from __future__ import annotations

import asyncio
import base64
import dataclasses
import time

from starlette.websockets import WebSocket, WebSocketDisconnect

from neurona import random as nr_random
from neurona.playground import diagnosis
from neurona.playground.config import MessageError, parse_config
from neurona.playground.export import export_code, script_name
from neurona.playground.messages import parse_message, parse_setup
from neurona.playground.session import Session

FRAME_SECONDS = 1 / 60
MAX_UNDRAWN = 3
STALL_SECONDS = 0.5
DIAGNOSIS_SECONDS = 1.0


class Connection:
    """The server side of one page."""

    def __init__(self, websocket: WebSocket) -> None:
        self.websocket = websocket
        self.session = Session()
        self.playing = asyncio.Event()
        self._send_lock = asyncio.Lock()
        self._sent_epoch = 0
        self._undrawn = 0
        self._last_frame = 0.0
        self._last_diagnosis = 0.0

    async def run(self) -> None:
        """Serve the page until it disconnects; then stop training and drop the session."""
        trainer = asyncio.create_task(self._train())
        try:
            await self._start(self.websocket.query_params.get("setup"))
            while True:
                message = await self.websocket.receive()
                if message["type"] == "websocket.disconnect":
                    break
                try:
                    await self.handle(parse_message(message.get("text")))
                except MessageError as error:
                    await self.send({"type": "error", "message": str(error)})
        except WebSocketDisconnect:
            pass
        finally:
            trainer.cancel()
            await asyncio.gather(trainer, return_exceptions=True)
            self.session = None

    async def _start(self, setup: str | None) -> None:
        """Take the set-up the page asked for in its URL (or the defaults), and send its data."""
        if setup is not None:
            try:
                self.session.reset(parse_config(parse_setup(setup)))
            except MessageError as error:
                await self.send({"type": "error", "message": f"{error} (the defaults are used)"})
        await self._send_data()

    async def send(self, data: dict) -> None:
        async with self._send_lock:
            await self.websocket.send_json(data)

    async def handle(self, message: dict) -> None:
        """Act on one validated message."""
        kind = message["type"]
        if kind == "drawn":
            self._undrawn = max(0, self._undrawn - 1)
        elif kind == "play":
            if self.session.diverged:
                raise MessageError("training diverged (the loss is not finite): lower the learning rate, then reset")
            self.playing.set()
            await self.send({"type": "status", "playing": True})
        elif kind in ("pause", "step"):
            self.playing.clear()
            if kind == "step":
                self.session.train(1)
            await self._send_frame()
        elif kind in ("config", "reset", "regenerate"):
            await self._restart(message)
        else:
            await self._export(kind)

    async def _restart(self, message: dict) -> None:
        self.playing.clear()
        config = self.session.config
        if message["type"] == "config":
            config = parse_config(message["config"], config)
        elif message["type"] == "regenerate":
            config = dataclasses.replace(config, seed=int(nr_random.get_rng().integers(0, 2**31)))
        self.session.reset(config)
        await self._send_data()

    async def _export(self, kind: str) -> None:
        session = self.session
        if kind == "export_code":
            await self.send({"type": "code", "filename": script_name(session.config),
                             "source": export_code(session.config, session.epoch)})
        else:
            data = base64.b64encode(session.model_file()).decode("ascii")
            await self.send({"type": "model", "filename": f"playground_{session.config.dataset}.neurona", "data": data})

    async def _send_data(self) -> None:
        self._sent_epoch = 0
        await self.send({**self.session.points(), "playing": False})
        await self._send_frame()

    async def _send_frame(self) -> None:
        frame = self.session.frame(self._sent_epoch)
        self._sent_epoch = self.session.epoch
        self._last_frame = time.perf_counter()
        if not self.playing.is_set() or self._last_frame - self._last_diagnosis > DIAGNOSIS_SECONDS:
            self._last_diagnosis = self._last_frame
            frame["diagnosis"] = diagnosis.diagnose(self.session.history)
        self._undrawn += 1
        await self.send({**frame, "playing": self.playing.is_set()})

    async def _train(self) -> None:
        while True:
            await self.playing.wait()
            try:
                self.session.train_for()
            except MessageError as error:
                self.playing.clear()
                await self.send({"type": "error", "message": str(error)})
            if self.session.diverged:
                self.playing.clear()
                await self.send({"type": "error", "message": f"training diverged at epoch {self.session.epoch} "
                                 "(the loss is not finite): lower the learning rate, then reset"})
            await asyncio.sleep(0)  # let the page's messages in (its "drawn" among them) before deciding
            waited = time.perf_counter() - self._last_frame
            due = waited >= STALL_SECONDS or (waited >= FRAME_SECONDS and self._undrawn < MAX_UNDRAWN)
            if due or not self.playing.is_set():
                await self._send_frame()
