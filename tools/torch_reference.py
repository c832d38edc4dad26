#!/usr/bin/python3
"""Reference trajectories from torch.optim (float64) for tests/test_torch_reference.c.

Usage:  /usr/bin/python3 tools/torch_reference.py [OUTDIR]      (default: tests/data)

A maintainer's tool: it needs python3-torch (Debian), the test suite does not.
It writes, into OUTDIR,
  torch_cases.csv   one row per reference file: file,landscape,steps
  torch_data_*.csv  datasets (x1,x2,y) for the linreg and logreg groups;
                    a landscape's data= names a file in OUTDIR
  torch_NAME.csv    the runs of one group in the columns of `descent trace`
                    (run,optimizer,step,x,y,loss; %.17g; RFC 4180 quoting),
                    so `descent trace --landscape L --start X,Y --opt ...` must
                    reproduce it.

Each optimizer spec string is mapped onto torch.optim with our defaults (docs/CLI.md §3.3)
passed explicitly (same key names; beta1/beta2 -> betas).  Landscapes are
written in torch and differentiated by autograd.  `newton` has no torch.optim
counterpart: its step is computed with torch's autograd Hessian and
torch.linalg.solve.  Schedules use torch.optim.lr_scheduler where ours is the
same schedule (StepLR, ExponentialLR, LinearLR, CosineAnnealingLR up to
`total`); the learning rate is also computed from the closed forms of
src/core/schedule.h and the two must agree to 1e-12, else the script stops.
Where torch has no equal (warm-up followed by another schedule, cosine past
`total`) the closed form sets param_group['lr'] before each update.
"""
import csv
import functools
import math
import os
import sys

import torch

torch.set_default_dtype(torch.float64)

# Where data= files are read; main() points it at OUTDIR.
DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'data')

# ---------------------------------------------------------------- spec strings


def parse_spec(text):
    """'adam:lr=0.05,beta1=0.8' -> ('adam', {'lr': 0.05, 'beta1': 0.8})."""
    name, _, body = text.partition(':')
    params = {}
    for item in filter(None, body.split(',')):
        key, _, value = item.partition('=')
        params[key] = value if key in ('schedule', 'data') else float(value)
    return name, params


# ------------------------------------------------------------------ landscapes


def quadratic(p, l1=1.0, l2=10.0, angle=0.0):
    a = math.radians(angle)
    u = math.cos(a) * p[0] + math.sin(a) * p[1]
    v = -math.sin(a) * p[0] + math.cos(a) * p[1]
    return 0.5 * (l1 * u * u + l2 * v * v)


def rosenbrock(p, a=1.0, b=100.0):
    return (a - p[0]) ** 2 + b * (p[1] - p[0] ** 2) ** 2


def beale(p):
    x, y = p[0], p[1]
    return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2 + (2.625 - x + x * y ** 3) ** 2


def himmelblau(p):
    x, y = p[0], p[1]
    return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2


def booth(p):
    x, y = p[0], p[1]
    return (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2


def three_hump_camel(p):
    x, y = p[0], p[1]
    return 2 * x ** 2 - 1.05 * x ** 4 + x ** 6 / 6 + x * y + y ** 2


def styblinski_tang(p):
    return 0.5 * sum(t ** 4 - 16 * t ** 2 + 5 * t for t in (p[0], p[1]))


@functools.lru_cache(maxsize=None)
def read_dataset(name):
    """A data file of tests/data (x1,x2,y) as tensors."""
    with open(os.path.join(DATA_DIR, name)) as f:
        rows = [[float(v) for v in row] for row in list(csv.reader(f))[1:]]
    return torch.tensor([r[:2] for r in rows]), torch.tensor([r[2] for r in rows])


def linreg(p, data):
    inputs, targets = read_dataset(data)
    return 0.5 * ((inputs @ p - targets) ** 2).mean()


def logreg(p, data, l2=0.0):
    inputs, labels = read_dataset(data)
    margins = -labels * (inputs @ p)
    return torch.nn.functional.softplus(margins).mean() + 0.5 * l2 * (p @ p)


LANDSCAPES = {
    'quadratic': quadratic,
    'rosenbrock': rosenbrock,
    'beale': beale,
    'himmelblau': himmelblau,
    'booth': booth,
    'three_hump_camel': three_hump_camel,
    'styblinski_tang': styblinski_tang,
    'linreg': linreg,
    'logreg': logreg,
}


def make_landscape(spec):
    name, params = parse_spec(spec)
    function = LANDSCAPES[name]
    return lambda p: function(p, **params)


# ------------------------------------------------------------------ optimizers

# Our defaults (docs/CLI.md §3.3), passed to torch explicitly.
SGD_LIKE = {
    'gd': dict(lr=0.01, momentum=0.0, dampening=0.0, nesterov=0, weight_decay=0.0),
    'sgd': dict(lr=0.01, momentum=0.0, dampening=0.0, nesterov=0, weight_decay=0.0),
    'momentum': dict(lr=0.01, momentum=0.9, dampening=0.0, nesterov=0, weight_decay=0.0),
    'nesterov': dict(lr=0.01, momentum=0.9, dampening=0.0, nesterov=1, weight_decay=0.0),
}
ADAGRAD = dict(lr=0.01, lr_decay=0.0, eps=1e-10, initial_accumulator_value=0.0, weight_decay=0.0)
RMSPROP = dict(lr=0.01, alpha=0.99, eps=1e-8, momentum=0.0, centered=0, weight_decay=0.0)
ADAM = dict(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0, amsgrad=0)
ADAMW = dict(ADAM, weight_decay=0.01)
NEWTON = dict(lr=1.0, damping=0.0)
SCHEDULE_KEYS = ('schedule', 'warmup', 'total', 'gamma', 'every', 'lr_min')


def with_defaults(defaults, params):
    unknown = set(params) - set(defaults) - set(SCHEDULE_KEYS) - {'noise'}
    if unknown or params.get('noise', 0.0) != 0.0:
        raise ValueError('no torch equivalent for %s' % params)
    return {k: params.get(k, v) for k, v in defaults.items()}


class Newton:
    """theta -= lr (H + damping I)^-1 grad, with autograd's Hessian."""

    def __init__(self, p, function, lr, damping):
        self.param_groups = [{'lr': lr}]
        self.p, self.function, self.damping = p, function, damping

    def zero_grad(self):
        self.p.grad = None

    def step(self):
        with torch.no_grad():
            hessian = torch.autograd.functional.hessian(self.function, self.p.detach())
            system = hessian + self.damping * torch.eye(2)
            self.p -= self.param_groups[0]['lr'] * torch.linalg.solve(system, self.p.grad)


def make_optimizer(spec, tensors, function):
    """torch.optim for spec over tensors (a landscape's one θ, or a
    network's weights and biases, tools/torch_network_replay.py)."""
    name, params = parse_spec(spec)
    if name in SGD_LIKE:
        o = with_defaults(SGD_LIKE[name], params)
        return torch.optim.SGD(tensors, lr=o['lr'], momentum=o['momentum'],
                               dampening=o['dampening'], nesterov=bool(o['nesterov']),
                               weight_decay=o['weight_decay'], foreach=False)
    if name == 'adagrad':
        o = with_defaults(ADAGRAD, params)
        return torch.optim.Adagrad(tensors, lr=o['lr'], lr_decay=o['lr_decay'], eps=o['eps'],
                                   initial_accumulator_value=o['initial_accumulator_value'],
                                   weight_decay=o['weight_decay'], foreach=False)
    if name == 'rmsprop':
        o = with_defaults(RMSPROP, params)
        return torch.optim.RMSprop(tensors, lr=o['lr'], alpha=o['alpha'], eps=o['eps'],
                                   momentum=o['momentum'], centered=bool(o['centered']),
                                   weight_decay=o['weight_decay'], foreach=False)
    if name in ('adam', 'adamw'):
        o = with_defaults(ADAM if name == 'adam' else ADAMW, params)
        kind = torch.optim.Adam if name == 'adam' else torch.optim.AdamW
        return kind(tensors, lr=o['lr'], betas=(o['beta1'], o['beta2']), eps=o['eps'],
                    weight_decay=o['weight_decay'], amsgrad=bool(o['amsgrad']), foreach=False)
    if name == 'newton':
        o = with_defaults(NEWTON, params)
        return Newton(tensors[0], function, o['lr'], o['damping'])
    raise ValueError('unknown optimizer ' + spec)


# ------------------------------------------------------------------- schedules


def schedule_lr(s, lr, k):
    """src/core/schedule.h, written out again."""
    warmup = int(s.get('warmup', 0))
    if k < warmup:
        return lr * (k + 1) / (warmup + 1)
    j = k - warmup
    kind = s.get('schedule', 'constant')
    if kind == 'constant':
        return lr
    if kind == 'step':
        return lr * s['gamma'] ** (j // int(s['every']))
    if kind == 'exp':
        return lr * s['gamma'] ** j
    progress = min(j, s['total']) / s['total']
    if kind == 'cosine':
        return s['lr_min'] + (lr - s['lr_min']) * (1 + math.cos(math.pi * progress)) / 2
    if kind == 'linear':
        return lr + (s['lr_min'] - lr) * progress
    raise ValueError('unknown schedule ' + kind)


def make_torch_scheduler(s, optimizer, lr, steps):
    """torch's scheduler equal to schedule s over `steps` updates, or None."""
    kind = s.get('schedule', 'constant')
    S = torch.optim.lr_scheduler
    warmup = int(s.get('warmup', 0))
    if isinstance(optimizer, Newton) or (kind == 'constant' and not warmup):
        return None
    if warmup:
        if kind == 'constant':
            return S.LinearLR(optimizer, start_factor=1 / (warmup + 1), total_iters=warmup)
        return None
    if kind == 'step':
        return S.StepLR(optimizer, step_size=int(s['every']), gamma=s['gamma'])
    if kind == 'exp':
        return S.ExponentialLR(optimizer, gamma=s['gamma'])
    if kind == 'linear':
        return S.LinearLR(optimizer, start_factor=1.0, end_factor=s['lr_min'] / lr,
                          total_iters=int(s['total']))
    if kind == 'cosine' and steps <= s['total'] + 1:
        return S.CosineAnnealingLR(optimizer, T_max=int(s['total']), eta_min=s['lr_min'])
    return None


# ------------------------------------------------------------------------ runs


def trajectory(landscape, spec, start, steps):
    """Rows (step, x, y, loss) of one run, step 0 being the start."""
    function = make_landscape(landscape)
    p = torch.tensor(start, requires_grad=True)
    optimizer = make_optimizer(spec, [p], function)
    _, params = parse_spec(spec)
    schedule = {k: params[k] for k in SCHEDULE_KEYS if k in params}
    lr = optimizer.param_groups[0]['lr']
    scheduler = make_torch_scheduler(schedule, optimizer, lr, steps)
    rows = [(0, start[0], start[1], function(p).item())]
    for k in range(steps):
        expected = schedule_lr(schedule, lr, k)
        if scheduler is None:
            optimizer.param_groups[0]['lr'] = expected
        elif abs(optimizer.param_groups[0]['lr'] - expected) > 1e-12 * expected:
            raise AssertionError('%s: torch lr %r != schedule.h %r at update %d'
                                 % (spec, optimizer.param_groups[0]['lr'], expected, k))
        optimizer.zero_grad()
        function(p).backward()
        optimizer.step()
        if scheduler is not None:
            scheduler.step()
        with torch.no_grad():
            rows.append((k + 1, p[0].item(), p[1].item(), function(p).item()))
    return rows


# Datasets for the data landscapes: (file, rows of x1, x2, y).
DATASETS = [
    ('torch_data_linreg.csv', [
        (0.5, 1.2, -0.3), (-1.1, 0.4, -2.7), (2.0, -0.6, 4.4), (0.3, 0.9, -0.1),
        (-0.7, -1.5, 0.2), (1.4, 0.2, 2.9), (-0.2, 2.1, -2.6), (0.9, -1.0, 2.7),
    ]),
    ('torch_data_logreg.csv', [
        (0.5, 1.2, 1), (-1.1, 0.4, -1), (2.0, -0.6, 1), (0.3, 0.9, -1),
        (-0.7, -1.5, -1), (1.4, 0.2, 1), (-0.2, 2.1, 1), (0.9, -1.0, -1),
    ]),
]

# `descent trace` takes at most this many --opt.
MAX_RUNS = 16

# Each group: (file, landscape, start, steps, optimizer specs).  A data=
# file is named relative to tests/data.
GROUPS = [
    # The race tests/test_cli.py traces (the welcome race, scene.h, with rmsprop), exactly.
    ('torch_race.csv', 'rosenbrock', (-1.5, 2.0), 300,
     ['gd:lr=0.001', 'momentum:lr=0.0005', 'rmsprop', 'adam:lr=0.05']),
    # Every parameter of every optimizer on a rotated, ill-conditioned bowl
    # (split so that each file is one `descent trace`: at most 16 --opt).
    ('torch_quadratic_sgd.csv', 'quadratic:l1=1,l2=10,angle=30', (2.0, -1.5), 30, [
        'gd:lr=0.05',
        'sgd:lr=0.05,noise=0',
        'gd:lr=0.05,weight_decay=0.1',
        'gd:lr=0.05,momentum=0.8',
        'gd:lr=0.05,momentum=0.8,dampening=0.3',
        'gd:lr=0.05,momentum=0.8,nesterov=1',
        'gd:lr=0.03,momentum=0.7,dampening=0.5,weight_decay=0.2',
        'gd:lr=0.04,momentum=0.9,nesterov=1,weight_decay=0.05',
        'momentum',
        'momentum:lr=0.02,momentum=0.5,dampening=0.5',
        'momentum:lr=0.02,nesterov=1',
        'nesterov',
        'nesterov:lr=0.03,momentum=0.8,weight_decay=0.1',
    ]),
    ('torch_quadratic_adaptive.csv', 'quadratic:l1=1,l2=10,angle=30', (2.0, -1.5), 30, [
        'adagrad',
        'adagrad:lr=0.5',
        'adagrad:lr=0.5,lr_decay=0.1',
        'adagrad:lr=0.5,initial_accumulator_value=2',
        'adagrad:lr=0.3,lr_decay=0.05,initial_accumulator_value=0.5,weight_decay=0.1,eps=0.001',
        'rmsprop',
        'rmsprop:lr=0.02,alpha=0.9',
        'rmsprop:lr=0.01,momentum=0.8',
        'rmsprop:lr=0.01,centered=1',
        'rmsprop:lr=0.01,weight_decay=0.2',
        'rmsprop:lr=0.01,alpha=0.95,eps=0.0001,momentum=0.7,centered=1,weight_decay=0.1',
    ]),
    ('torch_quadratic_adam.csv', 'quadratic:l1=1,l2=10,angle=30', (2.0, -1.5), 30, [
        'adam',
        'adam:lr=0.1',
        'adam:lr=0.1,beta1=0.8,beta2=0.99',
        'adam:lr=0.1,amsgrad=1',
        'adam:lr=0.1,beta2=0.9,amsgrad=1',
        'adam:lr=0.1,weight_decay=0.1',
        'adam:lr=0.1,eps=0.001,weight_decay=0.05,amsgrad=1',
        'adamw',
        'adamw:lr=0.1',
        'adamw:lr=0.1,weight_decay=0.5',
        'adamw:lr=0.1,beta1=0.5,beta2=0.9,weight_decay=0.2,amsgrad=1',
        'newton:lr=0.5',
        'newton:damping=0.5',
    ]),
    # Curved valleys: the state's history matters more than on a bowl.
    ('torch_rosenbrock.csv', 'rosenbrock', (-1.0, 1.5), 50, [
        'gd:lr=0.0005,momentum=0.9,nesterov=1',
        'adagrad:lr=0.1,lr_decay=0.01',
        'rmsprop:lr=0.001,centered=1',
        'rmsprop:lr=0.0005,momentum=0.8,weight_decay=0.01',
        'adam:lr=0.02,amsgrad=1',
        'adamw:lr=0.02,weight_decay=0.1',
        'newton',
        'newton:lr=0.5,damping=10',
    ]),
    ('torch_rosenbrock_ab.csv', 'rosenbrock:a=2,b=10', (0.0, 0.0), 50, [
        'gd:lr=0.005', 'adam:lr=0.05,beta1=0.7', 'newton:lr=0.8',
    ]),
    ('torch_beale.csv', 'beale', (1.0, 1.0), 50, [
        'gd:lr=0.01,momentum=0.5', 'adagrad:lr=0.2', 'rmsprop:lr=0.005,alpha=0.9',
        'adam:lr=0.05,amsgrad=1', 'adamw:lr=0.05,weight_decay=0.05',
    ]),
    ('torch_himmelblau.csv', 'himmelblau', (0.0, 0.0), 50, [
        'gd:lr=0.01', 'momentum:lr=0.002,dampening=0.2', 'nesterov:lr=0.002',
        'adagrad:lr=0.3,lr_decay=0.1', 'rmsprop:lr=0.01,momentum=0.5,centered=1',
        'adam:lr=0.1,beta2=0.9,amsgrad=1',
    ]),
    ('torch_three_hump_camel.csv', 'three_hump_camel', (1.5, -1.0), 40, [
        'gd:lr=0.05', 'adam:lr=0.05', 'rmsprop:lr=0.01,centered=1',
    ]),
    ('torch_styblinski_tang.csv', 'styblinski_tang', (0.5, -0.5), 40, [
        'gd:lr=0.01,momentum=0.6', 'adagrad:lr=0.5,initial_accumulator_value=1',
        'adamw:lr=0.1,weight_decay=0.1,amsgrad=1',
    ]),
    ('torch_booth.csv', 'booth', (-5.0, 5.0), 40, [
        'gd:lr=0.02,weight_decay=0.01', 'newton', 'newton:lr=0.5,damping=1',
    ]),
    # Schedules: update k uses the rate schedule.h gives for k.
    ('torch_schedule.csv', 'quadratic:l1=1,l2=4,angle=15', (2.0, 1.0), 30, [
        'gd:lr=0.1,schedule=step,every=5,gamma=0.5',
        'gd:lr=0.1,momentum=0.9,schedule=exp,gamma=0.95',
        'rmsprop:lr=0.05,schedule=linear,total=20,lr_min=0.005',
        'adam:lr=0.2,schedule=cosine,total=29,lr_min=0.01',
        'adam:lr=0.2,schedule=cosine,total=12,lr_min=0.01',
        'adagrad:lr=0.5,lr_decay=0.1,schedule=constant,warmup=5',
        'adamw:lr=0.2,weight_decay=0.1,schedule=cosine,warmup=5,total=15,lr_min=0',
        'gd:lr=0.2,schedule=step,warmup=3,every=4,gamma=0.5',
        'momentum:lr=0.05,schedule=exp,warmup=4,gamma=0.9',
        'adam:lr=0.1,amsgrad=1,schedule=linear,warmup=2,total=10,lr_min=0.02',
        'newton:lr=0.9,schedule=exp,gamma=0.8',
    ]),
    # Data landscapes (full batch): exact sums over a dataset file.
    ('torch_linreg.csv', 'linreg:data=torch_data_linreg.csv', (0.0, 0.0), 30, [
        'gd:lr=0.2', 'momentum:lr=0.05,nesterov=1', 'adam:lr=0.1,amsgrad=1', 'newton',
    ]),
    ('torch_logreg.csv', 'logreg:data=torch_data_logreg.csv,l2=0.05', (-1.0, 2.0), 30, [
        'gd:lr=0.5', 'rmsprop:lr=0.05,centered=1', 'adagrad:lr=0.5',
        'adamw:lr=0.1,weight_decay=0.1', 'newton:lr=0.7',
    ]),
]


def write_group(path, landscape, start, steps, specs):
    with open(path, 'w', newline='') as f:
        out = csv.writer(f, lineterminator='\n')
        out.writerow(['run', 'optimizer', 'step', 'x', 'y', 'loss'])
        for run, spec in enumerate(specs):
            for step, x, y, loss in trajectory(landscape, spec, start, steps):
                out.writerow([run, spec, step] + ['%.17g' % v for v in (x, y, loss)])


def main():
    global DATA_DIR
    outdir = DATA_DIR = sys.argv[1] if len(sys.argv) > 1 else DATA_DIR
    for name, rows in DATASETS:
        with open(os.path.join(outdir, name), 'w', newline='') as f:
            out = csv.writer(f, lineterminator='\n')
            out.writerow(['x1', 'x2', 'y'])
            out.writerows(rows)
    with open(os.path.join(outdir, 'torch_cases.csv'), 'w', newline='') as f:
        index = csv.writer(f, lineterminator='\n')
        index.writerow(['file', 'landscape', 'steps'])
        for name, landscape, start, steps, specs in GROUPS:
            if len(specs) > MAX_RUNS:
                raise ValueError('%s: more runs than one `descent trace` takes' % name)
            write_group(os.path.join(outdir, name), landscape, start, steps, specs)
            index.writerow([name, landscape, steps])


if __name__ == '__main__':
    main()
