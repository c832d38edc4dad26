#!/usr/bin/python3
"""Reference derivatives of small networks from torch.autograd (float64) for
tests/test_model_torch.c.

Usage:  /usr/bin/python3 tools/torch_network_reference.py [OUT]
        (default: tests/data/torch_network_hvp.txt)

A maintainer's tool: it needs python3-torch (Debian), the test suite does not.
For every activation (tanh, relu, gelu, sigmoid) and head (softmax
cross-entropy, MSE on one-hot labels, MSE regression, and a deeper
three-class network) it draws inputs, labels, θ and a direction v from its own
seeded generator, builds the network of src/core/model.h from torch.nn.Linear
layers, and writes the loss, its gradient (autograd) and the Hessian-vector
product H v (double backward: the gradient of ∇L·v), one case after another:

  model SPEC               the model spec string of src/core/model.h
  data N DIM CLASSES       CLASSES 0 for regression
  x ...                    N·DIM inputs, row by row
  y ...                    N labels (class indices) or targets
  theta ...                θ in model.h's layout: per layer W (out × in, row by
                           row, torch.nn.Linear's weight) then b
  v ...                    the direction
  loss L
  grad ...
  hv ...
  end

Numbers are Python's repr of a float64, which reads back exactly.
"""
import os
import sys

import torch

torch.set_default_dtype(torch.float64)

ACTIVATIONS = {
    'tanh': torch.tanh,
    'relu': torch.relu,
    'gelu': lambda a: torch.nn.functional.gelu(a, approximate='none'),
    'sigmoid': torch.sigmoid,
}

# (layers, loss, classes: 0 for regression, samples)
HEADS = [
    ([2, 5, 4, 2], 'ce', 2, 25),
    ([2, 5, 4, 2], 'mse', 2, 25),
    ([2, 6, 1], 'mse', 0, 20),
    ([2, 4, 4, 3, 3], 'ce', 3, 30),
]


def network(sizes, act, theta):
    """torch.nn.Linear layers holding θ, in model.h's layout."""
    layers, offset = [], 0
    for fan_in, fan_out in zip(sizes, sizes[1:]):
        layer = torch.nn.Linear(fan_in, fan_out)
        with torch.no_grad():
            layer.weight.copy_(theta[offset:offset + fan_out * fan_in].view(fan_out, fan_in))
            offset += fan_out * fan_in
            layer.bias.copy_(theta[offset:offset + fan_out])
            offset += fan_out
        layers.append(layer)
    assert offset == theta.numel()

    def forward(x):
        for i, layer in enumerate(layers):
            x = layer(x)
            if i + 1 < len(layers):
                x = ACTIVATIONS[act](x)
        return x

    return layers, forward


def loss_of(kind, classes, z, y):
    if kind == 'ce':
        return torch.nn.CrossEntropyLoss(reduction='mean')(z, y.long())
    target = torch.nn.functional.one_hot(y.long(), classes).double() if classes else y.view(-1, 1)
    return torch.nn.MSELoss(reduction='mean')(z, target)


def numbers(values):
    return ' '.join(repr(float(v)) for v in values)


def case(out, generator, sizes, act, kind, classes, samples):
    nparams = sum(o * i + o for i, o in zip(sizes, sizes[1:]))
    x = torch.randn(samples, sizes[0], generator=generator)
    if classes:
        y = torch.randint(0, classes, (samples,), generator=generator).double()
    else:
        y = x[:, 0] - 0.5 * x[:, 1] + 0.1 * torch.randn(samples, generator=generator)
    theta = 0.7 * torch.randn(nparams, generator=generator)
    v = torch.randn(nparams, generator=generator)
    layers, forward = network(sizes, act, theta)
    params = [p for layer in layers for p in (layer.weight, layer.bias)]
    loss = loss_of(kind, classes, forward(x), y)
    grads = torch.autograd.grad(loss, params, create_graph=True)
    grad = torch.cat([g.reshape(-1) for g in grads])
    hv = torch.autograd.grad(grad @ v, params)
    hv = torch.cat([h.reshape(-1) for h in hv])
    spec = 'mlp:layers=%s,act=%s,loss=%s' % ('-'.join(map(str, sizes)), act, kind)
    out.write('model %s\n' % spec)
    out.write('data %d %d %d\n' % (samples, sizes[0], classes))
    out.write('x %s\n' % numbers(x.reshape(-1)))
    out.write('y %s\n' % numbers(y))
    out.write('theta %s\n' % numbers(theta))
    out.write('v %s\n' % numbers(v))
    out.write('loss %r\n' % float(loss))
    out.write('grad %s\n' % numbers(grad.detach()))
    out.write('hv %s\n' % numbers(hv))
    out.write('end\n')


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'data',
        'torch_network_hvp.txt')
    generator = torch.Generator().manual_seed(20261203)
    with open(path, 'w') as out:
        for act in ACTIVATIONS:
            for sizes, kind, classes, samples in HEADS:
                case(out, generator, sizes, act, kind, classes, samples)
    print('wrote', path)


if __name__ == '__main__':
    main()
