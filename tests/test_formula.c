/*
 * test_formula.c — the numbers the formula panel shows (optimizer_explain)
 * are the update's own: for every optimizer and variant, Δθ rebuilt from
 * the named terms equals θ_{k+1} − θ_k of the run, and the terms match
 * hand computations where those are short.
 */
#include "testing.h"

#include <stddef.h>
#include <string.h>

#include "core/optimizer_explain.h"
#include "core/run.h"

/* Every kind and every branch of the rules: momentum, dampening,
 * nesterov, coupled and decoupled weight decay, lr_decay, centered,
 * rmsprop momentum, amsgrad, damping, noise, minibatches, schedules. */
static const struct {
    const char *landscape, *optimizer;
    double x0, y0;
} cases[] = {
    {"rosenbrock", "gd:lr=0.001", -1.5, 2},
    {"rosenbrock", "sgd:lr=0.0005,noise=2,seed=3", -1.5, 2},
    {"linreg:n=40,seed=2", "sgd:lr=0.05,batch=3,seed=9", 0.5, -1},
    {"logreg:n=30,seed=4", "momentum:lr=0.1,batch=4,schedule=cosine,total=50", 1, 1},
    {"himmelblau", "nesterov:lr=0.002,noise=1,warmup=20,weight_decay=0.05", 0, 0},
    {"beale", "gd:lr=0.001,momentum=0.8,dampening=0.3,weight_decay=0.01", 1, 1},
    {"rosenbrock", "adagrad:lr=0.3,lr_decay=0.01,initial_accumulator_value=0.1,noise=0.5", -1, 1},
    {"rastrigin", "rmsprop:lr=0.01,centered=1,momentum=0.5,noise=1", 2, 2},
    {"rastrigin", "rmsprop:lr=0.01,centered=1", 2, 2},
    {"rosenbrock", "rmsprop:lr=0.003,weight_decay=0.1,alpha=0.9", -1, 1},
    {"rosenbrock", "adam:lr=0.05,amsgrad=1,noise=0.3,schedule=exp,weight_decay=0.01", -1.5, 2},
    {"linreg:n=25,seed=1", "adamw:lr=0.05,weight_decay=0.1,batch=5", 2, 2},
    {"rosenbrock", "adamw:lr=0.05,beta1=0.5,beta2=0.9,amsgrad=1", -1.5, 2},
    {"quadratic:l1=1,l2=30,angle=20", "newton:lr=0.5,damping=0.1,noise=0.2", 2, 1},
    {"himmelblau", "newton:lr=1", 1, 1},
};

/* Δθ as the panel writes it: θ (shrink − 1) − step_size · direction. */
static double rebuilt(const UpdateTerms *e, int i)
{
    return e->theta[i] * (e->shrink - 1) - e->step_size * e->direction[i];
}

static void terms_rebuild_every_update(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        Landscape *l = test_landscape(cases[c].landscape);
        OptimizerDesc d = test_optimizer(cases[c].optimizer, l);
        Run run;
        assert_true(run_init(&run, l, &d, cases[c].x0, cases[c].y0, NULL));
        assert_int_equal(run_advance(&run, 120), 120);
        for (size_t k = 0; k < 120; k++) {
            OptimizerState before, after;
            OptimizerDesc desc, next;
            assert_true(run_state_at(&run, k, &before, &desc));
            assert_true(run_state_at(&run, k + 1, &after, &next));
            UpdateTerms e;
            assert_true(optimizer_explain(&desc, l, &before, &after, &e));
            assert_int_equal(e.t, (long)k + 1);
            assert_true(e.lr == optimizer_lr_at(&d, (long)k));
            for (int i = 0; i < 2; i++) {
                const double *p0 = &run.path[k].x, *p1 = &run.path[k + 1].x;
                double actual = p1[i] - p0[i];
                /* The stored step is exactly the path's difference... */
                assert_true(e.step[i] == actual);
                assert_true(e.theta[i] == p0[i]);
                /* ...and the terms rebuild it to rounding of θ. */
                double scale = fmax(fabs(p0[i]), fabs(p1[i]));
                assert_close_where(rebuilt(&e, i), actual, 1e-15 * scale,
                                   "%s update %zu, Δθ[%d] from the terms against the run's",
                                   cases[c].optimizer, k + 1, i);
            }
            if (d.noise > 0 && d.batch == 0) {
                double g[2];
                landscape_value_grad(l, run.path[k].x, run.path[k].y, g);
                for (int i = 0; i < 2; i++)
                    assert_close(e.grad[i] - e.noise[i], g[i], 1e-12 * fmax(1, fabs(g[i])));
            }
        }
        /* The run's own last update, as the panel asks for it. */
        UpdateTerms last, direct;
        OptimizerState before;
        OptimizerDesc desc;
        assert_true(run_explain_last(&run, &last));
        assert_true(run_state_at(&run, 119, &before, &desc));
        assert_true(optimizer_explain(&desc, l, &before, &run.state, &direct));
        /* Field by field from lr on: all doubles, so no padding bytes. */
        assert_int_equal(last.kind, direct.kind);
        assert_int_equal(last.t, direct.t);
        assert_memory_equal(&last.lr, &direct.lr, sizeof last - offsetof(UpdateTerms, lr));
        run_free(&run);
        landscape_destroy(l);
    }
}

/* gd on 0.5 (x² + 4 y²) from (1, 1): g = (1, 4), Δθ = −0.1 g. */
static void gd_terms_by_hand(void **state)
{
    (void)state;
    Landscape *l = test_landscape("quadratic:l1=1,l2=4");
    OptimizerDesc d = test_optimizer("gd:lr=0.1", l);
    Run run;
    assert_true(run_init(&run, l, &d, 1, 1, NULL));
    UpdateTerms e;
    assert_false(run_explain_last(&run, &e));
    run_advance(&run, 1);
    assert_true(run_explain_last(&run, &e));
    assert_close(e.grad[0], 1, 0);
    assert_close(e.grad[1], 4, 0);
    assert_close(e.step_size, 0.1, 0);
    assert_close(e.step[0], -0.1, 1e-16);
    assert_close(e.step[1], -0.4, 1e-16);
    assert_close(e.noise[0], 0, 0);
    run_free(&run);
    landscape_destroy(l);
}

/* Adam's first update: m = (1 − β1) g, v = (1 − β2) g², the corrections
 * undo the factors, so Δθ = −η g / (|g| + ε). */
static void adam_first_update_by_hand(void **state)
{
    (void)state;
    Landscape *l = test_landscape("rosenbrock");
    OptimizerDesc d = test_optimizer("adam:lr=0.05,beta1=0.8,beta2=0.99", l);
    Run run;
    assert_true(run_init(&run, l, &d, -1.5, 2, NULL));
    run_advance(&run, 1);
    UpdateTerms e;
    assert_true(run_explain_last(&run, &e));
    double g[2];
    landscape_value_grad(l, -1.5, 2, g);
    for (int i = 0; i < 2; i++) {
        assert_close(e.grad[i], g[i], 0);
        assert_close(e.buf[i], 0.2 * g[i], 1e-12 * fabs(g[i]));
        assert_close(e.sq[i], 0.01 * g[i] * g[i], 1e-12 * g[i] * g[i]);
        assert_close(e.step[i], -0.05 * g[i] / (fabs(g[i]) + 1e-8), 1e-15);
    }
    assert_close(e.bias1, 0.2, 1e-15);
    assert_close(e.bias2, 0.01, 1e-15);
    assert_close(e.step_size, 0.25, 1e-15);
    run_free(&run);
    landscape_destroy(l);
}

/* Flow integrates: its terms are the time span and the gradient at the
 * start. */
static void flow_terms(void **state)
{
    (void)state;
    Landscape *l = test_landscape("himmelblau");
    OptimizerDesc d = test_optimizer("flow:lr=0.02", l);
    Run run;
    assert_true(run_init(&run, l, &d, 0, 0, NULL));
    run_advance(&run, 3);
    UpdateTerms e;
    assert_true(run_explain_last(&run, &e));
    assert_int_equal(e.kind, OPT_FLOW);
    assert_int_equal(e.t, 3);
    assert_close(e.lr, 0.02, 0);
    double g[2];
    landscape_value_grad(l, run.path[2].x, run.path[2].y, g);
    assert_close(e.grad[0], g[0], 0);
    assert_close(e.grad[1], g[1], 0);
    assert_true(e.step[0] == run.path[3].x - run.path[2].x);
    run_free(&run);
    landscape_destroy(l);
}

/* The lines the panel shows for gd:lr=0.1 from (1, 1) on l1=1, l2=4: g =
 * (1, 4), Δθ = −0.1 g = (−0.1, −0.4), θ + Δθ = (0.9, 0.6); adamw's
 * decoupled decay shows as a line of its own, adam's does not. */
static void lines_by_hand(void **state)
{
    (void)state;
    Landscape *l = test_landscape("quadratic:l1=1,l2=4");
    static const struct {
        const char *optimizer;
        int count;
    } line_cases[] = {
        {"gd:lr=0.1", 4},
        {"adam:lr=0.1,weight_decay=0.5", 10},
        {"adamw:lr=0.1,weight_decay=0.5", 10},
    };
    for (size_t c = 0; c < sizeof line_cases / sizeof line_cases[0]; c++) {
        OptimizerDesc d = test_optimizer(line_cases[c].optimizer, l);
        Run run;
        assert_true(run_init(&run, l, &d, 1, 1, NULL));
        run_advance(&run, 1);
        UpdateTerms e;
        assert_true(run_explain_last(&run, &e));
        ExplainLines lines;
        optimizer_explain_lines(&d, &e, &lines);
        assert_int_equal(lines.count, line_cases[c].count);
        assert_string_equal(lines.line[0].rule, "θ");
        assert_string_equal(lines.line[0].value, " = (1, 1)");
        assert_string_equal(lines.line[lines.count - 1].rule, "θ ← θ + Δθ");
        bool shrink_line = false, wd_line = false;
        for (int k = 0; k < lines.count; k++) {
            shrink_line |= strcmp(lines.line[k].rule, "θ ← (1 − η·wd)·θ") == 0;
            wd_line |= strcmp(lines.line[k].rule, "g ← g + wd·θ") == 0;
        }
        bool decoupled = optimizer_info(d.kind)->traits.decoupled_weight_decay;
        assert_int_equal(shrink_line, decoupled);
        assert_int_equal(wd_line, d.weight_decay != 0 && !decoupled);
        if (c == 0) {
            assert_string_equal(lines.line[1].rule, "g = ∇L(θ)");
            assert_string_equal(lines.line[1].value, " = (1, 4)");
            assert_string_equal(lines.line[2].rule, "Δθ = −η·g");
            assert_string_equal(lines.line[2].value, " = (-0.1, -0.4)");
            assert_string_equal(lines.line[3].value, " = (0.9, 0.6)");
        }
        run_free(&run);
    }
    landscape_destroy(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(terms_rebuild_every_update),
        cmocka_unit_test(gd_terms_by_hand),
        cmocka_unit_test(adam_first_update_by_hand),
        cmocka_unit_test(flow_terms),
        cmocka_unit_test(lines_by_hand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
