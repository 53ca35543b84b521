"""The TorchScript peer: a torch module that executes a bench model's
GraphDef nodes with torch ops (4-D tensors kept NCHW inside), using the
weights read back from the .pb, traced and frozen (torch.jit.freeze folds
BatchNorm into the convolutions, as an inference deployment would).

TensorFlow's SAME padding is computed from the static input size, and the
asymmetric case (stride-2 SAME on even sizes: 0 before, 1 after) is padded
explicitly."""
import numpy as np
import torch
import torch.nn.functional as F

from tf_graph import producer, tensor_value

SUPPORTED = {"Placeholder", "Const", "Identity", "MatMul", "BiasAdd", "Relu",
             "Relu6", "Softmax", "Conv2D", "DepthwiseConv2dNative",
             "FusedBatchNorm", "FusedBatchNormV3", "MaxPool", "AvgPool",
             "Reshape"}


def _same_pads(size, k, s, d):
    out = (size + s - 1) // s
    total = max((out - 1) * s + (k - 1) * d + 1 - size, 0)
    return out, total // 2, total - total // 2


def _window(node, size_hw, k_hw):
    """Output size and (top, bottom, left, right) padding of a window op."""
    strides = list(node.attr["strides"].list.i)
    dil = list(node.attr["dilations"].list.i) or [1, 1, 1, 1]
    pad = node.attr["padding"].s.decode()
    res, pads = [], []
    for i in range(2):
        k, s, d = k_hw[i], strides[1 + i], dil[1 + i]
        if pad == "SAME":
            out, before, after = _same_pads(size_hw[i], k, s, d)
        else:
            out, before, after = (size_hw[i] - (k - 1) * d - 1) // s + 1, 0, 0
        res.append(out)
        pads += [before, after]
    return res, pads, strides[1:3], dil[1:3]


class GraphModule(torch.nn.Module):
    """Executes the nodes the `fetch` node needs, in graph order."""

    def __init__(self, graph, input_name, fetch, input_shape):
        super().__init__()
        nodes = {n.name: n for n in graph.node}
        order, seen = [], set()

        def visit(name):
            if name in seen:
                return
            seen.add(name)
            for i in nodes[name].input:
                visit(producer(i))
            order.append(nodes[name])
        visit(fetch)
        self.steps = []
        self.consts = {}
        shapes = {input_name: list(input_shape)}
        for n in order:
            if n.op not in SUPPORTED:
                raise ValueError(f"torch peer: unsupported op {n.op} ({n.name})")
            if n.op == "Const":
                self.consts[n.name] = tensor_value(n.attr["value"].tensor)
                continue
            if n.op == "Placeholder":
                continue
            self.steps.append(self._step(n, shapes))
        self.input_name, self.fetch = input_name, fetch

    def _param(self, name, array):
        key = "p%d" % len(self._buffers)
        self.register_buffer(key, torch.from_numpy(np.array(array, copy=True)))
        return key

    def _step(self, n, shapes):
        ins = [producer(i) for i in n.input if not i.startswith("^")]
        x_shape = shapes.get(ins[0])
        extra = {}
        if n.op in ("Conv2D", "DepthwiseConv2dNative"):
            w = self.consts[ins[1]]
            kh, kw, cin, m = w.shape
            if n.op == "Conv2D":
                wt, groups, cout = w.transpose(3, 2, 0, 1), 1, m
            else:
                wt = w.transpose(2, 3, 0, 1).reshape(cin * m, 1, kh, kw)
                groups, cout = cin, cin * m
            out_hw, pads, strides, dil = _window(n, x_shape[2:], (kh, kw))
            extra = dict(w=self._param(n.name, wt), groups=groups, pads=pads,
                         strides=strides, dil=dil)
            shapes[n.name] = [x_shape[0], cout] + out_hw
        elif n.op in ("MaxPool", "AvgPool"):
            k = list(n.attr["ksize"].list.i)[1:3]
            out_hw, pads, strides, _ = _window(n, x_shape[2:], k)
            extra = dict(k=k, pads=pads, strides=strides)
            shapes[n.name] = x_shape[:2] + out_hw
        elif n.op in ("MatMul", "BiasAdd"):
            w = self.consts[ins[1]]
            if n.op == "MatMul":
                if n.attr["transpose_b"].b:
                    w = w.T
                w = w.T  # F.linear takes [out, in]
                shapes[n.name] = [x_shape[0], w.shape[0]]
            else:
                shapes[n.name] = x_shape
            extra = dict(w=self._param(n.name, w))
        elif n.op.startswith("FusedBatchNorm"):
            extra = dict(p=[self._param(n.name, self.consts[i]) for i in ins[1:5]],
                         eps=n.attr["epsilon"].f)
            shapes[n.name] = x_shape
        elif n.op == "Reshape":
            target = [int(v) for v in self.consts[ins[1]].reshape(-1)]
            extra = dict(shape=target, nchw=len(x_shape) == 4)
            shapes[n.name] = [x_shape[0]] + target[1:]
        else:
            shapes[n.name] = x_shape
        return (n.op, n.name, ins[0], extra)

    def _conv(self, x, e):
        t, b, l, r = e["pads"]
        if t != b or l != r:
            x = F.pad(x, (l, r, t, b))
            t, l = 0, 0
        return F.conv2d(x, getattr(self, e["w"]), None, e["strides"], (t, l),
                        e["dil"], e["groups"])

    def _pool(self, op, x, e):
        t, b, l, r = e["pads"]
        if op == "MaxPool":
            if t or b or l or r:
                x = F.pad(x, (l, r, t, b), value=float("-inf"))
            return F.max_pool2d(x, e["k"], e["strides"])
        if t or b or l or r:
            raise ValueError("torch peer: padded AvgPool is not needed here")
        return F.avg_pool2d(x, e["k"], e["strides"])

    def forward(self, x):
        vals = {self.input_name: x.permute(0, 3, 1, 2) if x.dim() == 4 else x}
        for op, name, src, e in self.steps:
            x = vals[src]
            if op in ("Conv2D", "DepthwiseConv2dNative"):
                y = self._conv(x, e)
            elif op in ("MaxPool", "AvgPool"):
                y = self._pool(op, x, e)
            elif op == "MatMul":
                y = F.linear(x, getattr(self, e["w"]))
            elif op == "BiasAdd":
                b = getattr(self, e["w"])
                y = x + (b.view(1, -1, 1, 1) if x.dim() == 4 else b)
            elif op.startswith("FusedBatchNorm"):
                m = [getattr(self, p) for p in e["p"]]
                y = F.batch_norm(x, m[2], m[3], m[0], m[1], False, 0.0, e["eps"])
            elif op == "Relu":
                y = F.relu(x)
            elif op == "Relu6":
                y = F.hardtanh(x, 0.0, 6.0)
            elif op == "Softmax":
                y = F.softmax(x, dim=-1)
            elif op == "Reshape":
                if e["nchw"]:
                    x = x.permute(0, 2, 3, 1)
                y = x.reshape(e["shape"])
            else:  # Identity
                y = x
            vals[name] = y
        return vals[self.fetch]


def build(graph, input_name, fetch, example):
    """A frozen TorchScript module computing `fetch` for inputs shaped like
    `example` (numpy, NHWC or [batch, features])."""
    module = GraphModule(graph, input_name, fetch, _nchw_shape(example.shape))
    module.eval()
    with torch.no_grad():
        traced = torch.jit.trace(module, torch.from_numpy(example))
        return torch.jit.freeze(traced)


def _nchw_shape(shape):
    return [shape[0], shape[3], shape[1], shape[2]] if len(shape) == 4 else list(shape)
