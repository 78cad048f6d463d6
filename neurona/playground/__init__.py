"""The browser playground: TensorFlow Playground's experiments, trained by neurona itself.

``neurona playground`` (or :func:`neurona.playground.command.run`) serves a static
page and trains on the server; the page and the server talk over one WebSocket.
The pieces: :mod:`~neurona.playground.config` (the set-up and its validation),
:mod:`~neurona.playground.features` and :mod:`~neurona.playground.problem` (the
data), :mod:`~neurona.playground.network` (model and optimizer),
:mod:`~neurona.playground.session` (one page's training),
:mod:`~neurona.playground.fields` (the heat maps), :mod:`~neurona.playground.export`
(the reproducing script), :mod:`~neurona.playground.app` (the Starlette app).
Only ``app`` and ``command`` need the ``playground`` extra (Starlette, uvicorn).
"""
