#!/usr/bin/python3
"""Reference training runs of small networks from torch.nn + torch.optim
(float64) for tests/test_net_torch.c.

Usage:  /usr/bin/python3 tools/torch_network_replay.py DESCENT [OUT]
        (DESCENT: the built program, e.g. build/descent;
         OUT default: tests/data/torch_network_runs.txt)

A maintainer's tool: it needs python3-torch (Debian), the test suite does not.
For each group of CASES it runs `descent trace --model M --data D --opt ...
--steps N --format json` and replays every run from that JSON alone: the
data, θ0 and, for minibatch runs, the batch indices of each update.  The
network is built from torch.nn.Linear layers holding θ0 (model.h's layout,
tools/torch_network_reference.py), the loss is torch.nn.CrossEntropyLoss or
MSELoss (reduction='mean') of the update's samples, and the optimizer is
torch.optim's for the spec with descent's defaults passed explicitly
(tools/torch_reference.py's make_optimizer).  It writes what torch computed,
one run after another, each number Python's repr of a float64:

  run                    a run begins
  model SPEC
  opt SPEC
  train N DIM CLASSES    the training part: x (N·DIM), y (N)
  x ...
  y ...
  test N DIM CLASSES
  x ...
  y ...
  theta0 ...
  batch I ...            one line per update of a minibatch run: its samples
  train_loss ...         after 0 .. STEPS updates, the full training loss
  test_loss ...          the same for the test part
  norm ...               |θ|
  theta ...              θ after the last update
  end

The test runs descent's core on the stored data, θ0 and specs and compares
every number (1e-9 relative), so a change to the datasets or the
initialisation does not move the references.
"""
import json
import os
import subprocess
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_network_reference as network_reference  # noqa: E402
import torch_reference as reference  # noqa: E402

torch.set_default_dtype(torch.float64)

STEPS = 500

# Every optimizer full batch and with minibatches, on each network:
# (model, data, optimizer specs).  Learning rates keep each run away from
# regimes that amplify rounding: plain rmsprop at lr=0.002 full batch on
# the tanh network agrees with torch to 2e-16 for 198 updates, then reaches
# a fit so close that g/√v is ±1 whatever g's size and the two runs' 1e-16
# differences grow to 1e-3 by update 500 (sign-like steps are chaotic
# there); at lr=0.001 it stays in the regime both compute alike.
EVERY_RULE = [
    'gd:lr=0.1',
    'momentum:lr=0.05',
    'nesterov:lr=0.05,weight_decay=0.01',
    'adagrad:lr=0.05',
    'rmsprop:lr=0.001',
    'rmsprop:lr=0.001,centered=1,momentum=0.5',
    'adam:lr=0.005',
    'adamw:lr=0.005,weight_decay=0.1',
    'sgd:lr=0.05,batch=8,seed=3',
    'momentum:lr=0.02,batch=10,seed=1',
    'nesterov:lr=0.02,batch=7,seed=2',
    'adagrad:lr=0.05,batch=8,seed=4',
    'rmsprop:lr=0.002,batch=8,seed=5',
    'adam:lr=0.005,batch=8,amsgrad=1,seed=6',
    'adamw:lr=0.005,batch=12,seed=7',
    'adam:lr=0.01,batch=16,schedule=cosine,total=500,lr_min=0.001,seed=8',
]
CASES = [
    ('mlp:layers=2-8-8-2,act=tanh,loss=ce', 'moons:n=60,seed=1', EVERY_RULE),
    ('mlp:layers=2-8-8-2,act=relu,loss=mse', 'circles:n=60,seed=2', EVERY_RULE),
    ('mlp:layers=2-6-1,act=tanh,loss=mse', 'gaussian_linear:n=40,seed=3',
     ['gd:lr=0.05', 'adam:lr=0.01', 'sgd:lr=0.02,batch=5,seed=9']),
]


def numbers(values):
    return ' '.join(repr(float(v)) for v in values)


def sizes_of(model):
    body = dict(item.split('=') for item in model.partition(':')[2].split(','))
    return [int(s) for s in body['layers'].split('-')], body['act'], body['loss']


def torch_spec(spec):
    """spec without batch= and seed=: the minibatches come from the JSON."""
    name, _, body = spec.partition(':')
    items = [i for i in body.split(',') if i and i.split('=')[0] not in ('batch', 'seed')]
    return name + (':' + ','.join(items) if items else '')


def replay(model, data, data_json, run, out):
    sizes, act, kind = sizes_of(model)
    classes = 0 if data.startswith('gaussian_linear') else sizes[-1]
    sets = {}
    for part in ('train', 'test'):
        x = torch.tensor(data_json[part]['x'])
        y = torch.tensor(data_json[part]['y'], dtype=torch.float64)
        sets[part] = (x, y)
    theta0 = torch.tensor(run['theta0'])
    layers, forward = network_reference.network(sizes, act, theta0)
    params = [p for layer in layers for p in (layer.weight, layer.bias)]
    optimizer = reference.make_optimizer(torch_spec(run['optimizer']), params, None)
    _, spec_params = reference.parse_spec(run['optimizer'])
    schedule = {k: spec_params[k] for k in reference.SCHEDULE_KEYS if k in spec_params}
    lr = optimizer.param_groups[0]['lr']
    batches = run.get('batches')

    def loss(part, idx=None):
        x, y = sets[part]
        if idx is not None:
            x, y = x[idx], y[idx]
        return network_reference.loss_of(kind, classes, forward(x), y)

    def record():
        with torch.no_grad():
            theta = torch.cat([p.reshape(-1) for p in params])
            losses['train_loss'].append(loss('train').item())
            losses['test_loss'].append(loss('test').item())
            losses['norm'].append(theta.norm().item())

    losses = {'train_loss': [], 'test_loss': [], 'norm': []}
    record()
    for k in range(STEPS):
        optimizer.param_groups[0]['lr'] = reference.schedule_lr(schedule, lr, k)
        optimizer.zero_grad()
        idx = torch.tensor(batches[k]) if batches else None
        loss('train', idx).backward()
        optimizer.step()
        record()

    out.write('run\nmodel %s\nopt %s\n' % (model, run['optimizer']))
    for part in ('train', 'test'):
        x, y = sets[part]
        out.write('%s %d %d %d\n' % (part, x.shape[0], x.shape[1], classes))
        out.write('x %s\ny %s\n' % (numbers(x.reshape(-1)), numbers(y)))
    out.write('theta0 %s\n' % numbers(theta0))
    for batch in batches or []:
        out.write('batch %s\n' % ' '.join(str(i) for i in batch))
    for name, values in losses.items():
        out.write('%s %s\n' % (name, numbers(values)))
    with torch.no_grad():
        out.write('theta %s\nend\n' % numbers(torch.cat([p.reshape(-1) for p in params])))


def main():
    descent = sys.argv[1]
    path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'data',
        'torch_network_runs.txt')
    with open(path, 'w') as out:
        for model, data, opts in CASES:
            command = [descent, 'trace', '--model', model, '--data', data, '--steps',
                       str(STEPS), '--format', 'json']
            for opt in opts:
                command += ['--opt', opt]
            trace = json.loads(subprocess.run(command, check=True, capture_output=True,
                                              text=True).stdout)
            for run in trace['runs']:
                replay(model, data, trace['data'], run, out)
    print('wrote', path)


if __name__ == '__main__':
    main()
