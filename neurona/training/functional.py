"""Functional models: ``Model(inputs, outputs)`` over a graph of layers (Keras's functional API).

Calling layers on ``Input(...)`` records nodes (see :mod:`neurona.nn.node`);
the model walks them back from its outputs, registers each layer once under its
name (a layer used twice shares its weights) and runs the nodes in topological
order. Models nest: a model called on symbolic tensors is one node of another.

Examples
--------
>>> import numpy as np
>>> from neurona.layers import Concatenate, Dense, Input
>>> from neurona.models import Model
>>> title, body = Input((8,), name="title"), Input((16,), name="body")
>>> merged = Concatenate()([Dense(4, name="t")(title), Dense(4, name="b")(body)])
>>> model = Model([title, body], Dense(1, name="priority")(merged))
>>> model.predict({"title": np.ones((2, 8)), "body": np.ones((2, 16))}).shape
(2, 1)
"""
from __future__ import annotations

from neurona.layers.base import LAYERS, call_masked, unique_name
from neurona.layers.input_layer import InputLayer
from neurona.nn.node import Node, SymbolicTensor
from neurona.tensor import Tensor
from neurona.training.model import Model
from neurona.training.serialize import deserialize_module, serialize_module


def _flatten(struct, what: str) -> tuple[list[SymbolicTensor], list | None, bool]:
    """``(tensors, dict keys or None, single)`` of a tensor, a list of tensors or a dict of them."""
    keys, single = None, False
    if isinstance(struct, dict):
        keys, tensors = list(struct), list(struct.values())
    elif isinstance(struct, (list, tuple)):
        tensors = list(struct)
    else:
        tensors, single = [struct], True
    bad = [type(t).__name__ for t in tensors if type(t) is not SymbolicTensor]
    if bad or not tensors:
        raise TypeError(f"Model: {what} must be symbolic tensors (from Input or layers called on it), got {bad or 'none'}")
    return tensors, keys, single


def _topological(inputs: list[SymbolicTensor], outputs: list[SymbolicTensor]) -> list[Node]:
    """The nodes between ``inputs`` and ``outputs``, each after the nodes it depends on."""
    given = {id(t) for t in inputs}
    done: set[int] = set()
    order: list[Node] = []
    stack = [(t.node, False) for t in reversed(outputs) if id(t) not in given]
    while stack:
        node, expanded = stack.pop()
        if id(node) in done:
            continue
        if expanded:
            done.add(id(node))
            order.append(node)
            continue
        if node.inputs is None:
            raise ValueError(
                f"Model: the outputs depend on the input '{node.module.name}', which is not in inputs "
                f"{[t.node.module.name for t in inputs]}"
            )
        stack.append((node, True))
        stack.extend((t.node, False) for t in reversed(node.flat_inputs) if id(t) not in given and id(t.node) not in done)
    return order


@LAYERS.register
class Functional(Model):
    """A model built with ``Model(inputs, outputs)``; the class that ``Model`` returns for symbolic arguments.

    ``inputs`` and ``outputs`` are symbolic tensors, lists of them or dicts of them
    (the model is then called and fed with dicts keyed the same way).
    """

    def __init__(self, inputs, outputs, name: str | None = None) -> None:
        super().__init__(name=name or unique_name("functional"))
        self._inputs, self._input_keys, self._single_input = _flatten(inputs, "inputs")
        self._outputs, self._output_keys, self._single_output = _flatten(outputs, "outputs")
        for t in self._inputs:
            if not isinstance(t.node.module, InputLayer):
                raise ValueError(f"Model: inputs must come from Input(...); got the output of '{t.node.module.name}'")
        self._nodes = _topological(self._inputs, self._outputs)
        self.layers = self._register([t.node.module for t in self._inputs] + [n.module for n in self._nodes])
        self._plan, self._n_slots = self._make_plan()
        self.built = True

    def _register(self, modules: list) -> list:
        layers: list = []
        for module in modules:
            name = getattr(module, "name", None)
            if any(module is other for other in layers):
                continue
            if name in self._modules:
                raise ValueError(f"Model: two different layers are named '{name}'; names must be unique in a model")
            if not isinstance(name, str) or not name or "." in name:
                raise ValueError(f"Model: {type(module).__name__} needs a name without '.' to be part of a model, got {name!r}")
            self._modules[name] = module
            layers.append(module)
        return layers

    def _make_plan(self) -> tuple[list[tuple], int]:
        slots = {id(t): i for i, t in enumerate(self._inputs)}
        plan = []
        for node in self._nodes:
            if isinstance(node.inputs, (list, tuple)):
                args = [slots[id(t)] for t in node.inputs]
            else:
                args = slots[id(node.inputs)]
            for t in node.outputs:
                slots.setdefault(id(t), len(slots))
            plan.append((node.module, args, [slots[id(t)] for t in node.outputs], node.several))
        self._output_slots = [slots[id(t)] for t in self._outputs]
        return plan, len(slots)

    # ------------------------------------------------------------ names
    @property
    def input_names(self) -> list[str]:
        return self._input_keys or [t.node.module.name for t in self._inputs]

    @property
    def output_names(self) -> list[str]:
        if self._output_keys:
            return self._output_keys
        names = []
        for t in self._outputs:
            name = t.node.module.name
            names.append(name if name not in names else f"{name}_{len(names)}")
        return names

    def _input_dtypes(self) -> list:
        return [t.dtype if t.dtype.kind == "f" else None for t in self._inputs]

    def get_layer(self, name: str):
        """The layer (or sub-model) called ``name``."""
        if name not in self._modules:
            raise KeyError(f"{self.name}: no layer named '{name}'; layers: {list(self._modules)}")
        return self._modules[name]

    # ------------------------------------------------------------ running
    def _feed(self, inputs) -> list:
        if isinstance(inputs, dict):
            missing = [key for key in self.input_names if key not in inputs]
            if missing:
                raise ValueError(f"{self.name}: inputs {sorted(inputs)} lack {missing}; expected {self.input_names}")
            inputs = [inputs[key] for key in self.input_names]
        elif self._single_input and len(self._inputs) == 1:
            inputs = [inputs]
        elif not isinstance(inputs, (list, tuple)) or len(inputs) != len(self._inputs):
            raise ValueError(f"{self.name}: expected a list of {len(self._inputs)} inputs {self.input_names}")
        return [x if isinstance(x, Tensor) else Tensor(x) for x in inputs]

    def forward(self, inputs):
        values, masks = [None] * self._n_slots, [None] * self._n_slots
        values[: len(self._inputs)] = self._feed(inputs)
        for module, args, outs, several in self._plan:
            if type(args) is int:
                out, mask = call_masked(module, values[args], masks[args])
            else:
                out, mask = call_masked(module, [values[i] for i in args], [masks[i] for i in args])
            if several:
                mask = mask if isinstance(mask, (list, tuple)) else [mask] * len(outs)
                for slot, value, m in zip(outs, out, mask):
                    values[slot], masks[slot] = value, m
            else:
                values[outs[0]], masks[outs[0]] = out, mask
        results = [values[slot] for slot in self._output_slots]
        if self._output_keys:
            return dict(zip(self._output_keys, results))
        return results[0] if self._single_output else results

    def build(self, input_shape=None) -> None:
        """A functional model is built when it is made; this does nothing."""

    # ------------------------------------------------------------ graph
    def _node_indices(self) -> dict[int, int]:
        """Each node's index among the nodes of its layer in this model (Keras's ``[layer][node][tensor]``)."""
        counts: dict[int, int] = {}
        indices = {}
        for node in [t.node for t in self._inputs] + self._nodes:
            indices[id(node)] = counts.get(id(node.module), 0)
            counts[id(node.module)] = indices[id(node)] + 1
        return indices

    def _ref(self, t: SymbolicTensor, indices: dict) -> list:
        return [t.node.module.name, indices[id(t.node)], t.index]

    def connections(self) -> list[tuple]:
        """``(layer, output shape, inbound refs)`` per node, refs as ``'name[node][tensor]'`` (for ``summary``)."""
        indices = self._node_indices()
        rows = [(t.node.module, t.shape, []) for t in self._inputs]
        for node in self._nodes:
            refs = ["{}[{}][{}]".format(*self._ref(t, indices)) for t in node.flat_inputs]
            rows.append((node.module, node.outputs[0].shape if len(node.outputs) == 1 else [t.shape for t in node.outputs], refs))
        return rows

    # ------------------------------------------------------------ config
    def get_config(self) -> dict:
        """Keras's form: each layer serialized with its inbound nodes, and the input and output references."""
        indices = self._node_indices()
        inbound: dict[int, list] = {id(layer): [] for layer in self.layers}
        for node in self._nodes:
            args = node.inputs
            refs = [self._ref(t, indices) for t in args] if isinstance(args, (list, tuple)) else self._ref(args, indices)
            inbound[id(node.module)].append({"args": refs})
        return {
            "name": self.name,
            "layers": [{**serialize_module(layer), "name": layer.name, "inbound_nodes": inbound[id(layer)]}
                       for layer in self.layers],
            "input_layers": self._refs(self._inputs, self._input_keys, self._single_input, indices),
            "output_layers": self._refs(self._outputs, self._output_keys, self._single_output, indices),
        }

    def _refs(self, tensors: list, keys: list | None, single: bool, indices: dict):
        refs = [self._ref(t, indices) for t in tensors]
        if keys:
            return dict(zip(keys, refs))
        return refs[0] if single else refs

    @classmethod
    def from_config(cls, config: dict) -> "Functional":
        """Rebuild the graph from :meth:`get_config` (new, unbuilt-weight layers; registered classes only)."""
        modules = {entry["name"]: deserialize_module(entry) for entry in config["layers"]}
        made: dict[tuple, list] = {}
        for name, module in modules.items():
            if isinstance(module, InputLayer):
                made[(name, 0)] = [module.output]
        pending = [(entry["name"], k, node["args"]) for entry in config["layers"] for k, node in enumerate(entry["inbound_nodes"])]

        def tensor(ref):
            return made[(ref[0], ref[1])][ref[2]]

        def ready(args):
            refs = args if args and isinstance(args[0], list) else [args]
            return all((ref[0], ref[1]) in made for ref in refs)

        while pending:
            waiting = [item for item in pending if not ready(item[2])]
            if len(waiting) == len(pending):
                raise ValueError(f"Model.from_config: nodes {[(n, k) for n, k, _ in waiting]} have inputs that are never made")
            for name, k, args in pending:
                if ready(args) and (name, k) not in made:
                    out = modules[name]([tensor(r) for r in args] if isinstance(args[0], list) else tensor(args))
                    made[(name, k)] = list(out) if isinstance(out, (list, tuple)) else [out]
            pending = waiting

        def structure(refs):
            if isinstance(refs, dict):
                return {key: tensor(ref) for key, ref in refs.items()}
            return [tensor(ref) for ref in refs] if refs and isinstance(refs[0], list) else tensor(refs)

        return cls(structure(config["input_layers"]), structure(config["output_layers"]), name=config.get("name"))
