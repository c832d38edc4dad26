/*
 * cli.h — the command line's shared pieces (docs/CLI.md).
 *
 * Each subcommand is a function taking the arguments after its name and
 * returning the exit status: 0 success, 1 runtime failure, 2 bad usage or
 * bad input.  Errors are printed by cli_error as one line "descent: ...".
 */
#ifndef DESCENT_CLI_H
#define DESCENT_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "core/error.h"
#include "core/history.h"
#include "core/model.h"
#include "core/net_run.h"
#include "core/netdata.h"
#include "core/run.h"
#include "core/sweep.h"
#include "scene/scene_options.h"

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

/* Longest message cli_error prints whole (bytes); a longer one, such as one
 * quoting a huge argument, loses its middle (error.h). */
#define CLI_ERROR_MAX 1024

/* Prints "descent: MESSAGE\n" to stderr: one line, escaped and shortened
 * as the core's messages are (error.h). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints one line to stdout escaped as messages are (error.h), whole up to
 * a path of PATH_MAX bytes: what it quotes (a lesson's path, its title)
 * could otherwise drive the terminal. */
void cli_print_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Makes lang (--lang; NULL: the environment's, as lessons pick theirs) the
 * language of the window's own words (scene/i18n.h); says on stderr when
 * it cannot, and the words stay English. */
void cli_select_language(const char *lang);

/* A double that round-trips (%.17g); JSON has no NaN or infinity, so
 * those are null. */
void cli_json_number(FILE *out, double v);
/* s as a JSON string, escaped. */
void cli_json_string(FILE *out, const char *s);
/* A CSV field, quoted per RFC 4180 when it holds a comma, quote or newline. */
void cli_csv_field(FILE *out, const char *s);
/* Flushes stdout: EXIT_OK, or EXIT_RUNTIME after an error when writing
 * failed (a full disk, a closed pipe). */
int cli_finish_output(void);

/* Tries to read one scene option at argv[*i] (and its value at argv[*i+1]).
 * Returns 1 when it was one (and advances *i past it), 0 when argv[*i] is
 * not a scene option, -1 after printing an error for a bad value. */
int cli_scene_option(SceneOptions *options, int argc, char **argv, int *i);

/* Matches "--name VALUE" and "--name=VALUE" at argv[*i]: 1 (setting *value
 * and advancing *i), 0 when argv[*i] is something else, -1 after printing
 * an error when the value is missing. */
int cli_option_value(const char *name, int argc, char **argv, int *i, const char **value);

/* The most --change options one command takes. */
#define CLI_MAX_CHANGES 64

/* What `descent trace` and `descent eval` read beyond the scene options. */
typedef struct CommandOptions {
    unsigned long steps;          /* --steps N */
    bool has_steps;
    bool json;                    /* --format json */
    const char *model;            /* --model SPEC (core/model.h), or NULL */
    const char *data;             /* --data SPEC (core/netdata.h), or NULL */
    unsigned long every;          /* --every K: measure curvature every K updates */
    bool has_every;
    unsigned long long init_seed; /* --init-seed N: θ0's initialisation */
    bool has_init_seed;
    const char *theta;            /* --theta FILE, or NULL */
    const char *landscape;        /* eval's --landscape SPEC, or NULL */
    const char *at;               /* eval's --at X,Y as given, or NULL */
    const char *changes[CLI_MAX_CHANGES]; /* --change RUN:STEP:SPEC, as given */
    size_t change_count;
} CommandOptions;

/* The subcommands an option of the table belongs to. */
enum { CLI_FOR_TRACE = 1, CLI_FOR_EVAL = 2, CLI_FOR_SCENE = 4 /* the window and record */,
       CLI_FOR_EXPORT = 8 };

/* Tries to read one option of the trace/eval table (cli.c, the one list of
 * them, which --help prints) that belongs to command (CLI_FOR_TRACE or
 * CLI_FOR_EVAL) at argv[*i]: 1 when it was one (advancing *i), 0 when not,
 * -1 after printing an error for a missing or bad value. */
int cli_command_option(CommandOptions *options, unsigned command, int argc, char **argv, int *i);

/* Reads one of the table's network options that the window and record
 * take (--model, --data, --init-seed) into options; returns as
 * cli_command_option. */
int cli_network_option(SceneOptions *options, int argc, char **argv, int *i);

/* Lists the trace/eval options for --help, from their table. */
void cli_print_command_options(FILE *out);

/* Parses "WxH" with 1 <= W, H <= 16384; false when malformed. */
bool cli_parse_size(const char *text, int *width, int *height);

/* Lists the scene options for --help, from their table (scene_options.h):
 * "  --NAME ARG   help", the help in one column. */
void cli_print_scene_options(FILE *out);

int cli_window(int argc, char **argv);  /* descent [LESSON] [options] */
int cli_record(int argc, char **argv);  /* descent record ... */
int cli_trace(int argc, char **argv);   /* descent trace ... */
int cli_eval(int argc, char **argv);    /* descent eval ... */
int cli_list(int argc, char **argv);    /* descent list ... */
int cli_check(int argc, char **argv);   /* descent check LESSON... */
int cli_experiment(int argc, char **argv); /* descent experiment NAME ... */

/* `descent list`'s lines for a parameter table: name, default, help. */
void cli_list_params(const ParamDef *params, size_t count);
/* `descent list experiments` (cli_experiment.c). */
void cli_list_experiments(void);

/* One traced run: the Run and its spec as given (the CSV's optimizer). */
typedef struct TraceRun {
    Run run;
    const char *spec;
} TraceRun;

/* trace's runs on landscape: one per --opt of o (its sweep already
 * expanded), or --particles copies of a noisy one, each advanced steps
 * updates with c's --change applied at their updates (run_reconfigure,
 * as the window's keys change a run).  Prints the error and returns the
 * exit status; *dest (cli_trace_runs_free) holds what was built. */
int cli_trace_runs(const SceneOptions *o, const CommandOptions *c, const Landscape *landscape,
                   size_t steps, TraceRun **dest, size_t *count);
void cli_trace_runs_free(TraceRun *runs, size_t count);

/* Whether every --change of c names one of count runs and an update up to
 * steps; prints the error and returns the exit status. */
int cli_check_changes(const CommandOptions *c, size_t count, size_t steps);

/* The spec of c's --change number i when it is run r's at update done,
 * else NULL. */
const char *cli_change_at(const CommandOptions *c, size_t i, size_t r, size_t done);
/* The first update after done, before steps, at which run r takes a
 * --change of c; steps when none. */
size_t cli_next_change(const CommandOptions *c, size_t r, size_t done, size_t steps);

/* The landscape-only option of o a network scene cannot take ("" none). */
const char *cli_landscape_only_option(const SceneOptions *o);

/* Replaces o's one run by its --sweep's runs (kept in sweep), when it has
 * one; false after printing the error. */
bool cli_expand_sweep(SceneOptions *o, Sweep *sweep);

int cli_export(int argc, char **argv); /* descent export --torch ... */

struct Lesson;
/* Updates a lesson's step k (0-based) has played when it opens its last
 * frame: its play, plus the plays before it that it keeps going from. */
size_t cli_lesson_step_updates(const struct Lesson *lesson, size_t k);

/* descent export --html (cli_export_html.c), after cli_export read the
 * options: o and c the scene and trace options, lesson_path the lesson or
 * NULL, origin the command line for the page's header. */
int cli_export_html(SceneOptions *o, const CommandOptions *c, const char *lesson_path,
                    const char *output, const char *origin);

/* The network forms of trace and eval (cli_net.c); cli_trace and cli_eval
 * read the options. */
int cli_trace_network(const SceneOptions *scene, const CommandOptions *options);

/* One traced network run: its NetRun, its --opt as given, and the
 * --change it took (changes_desc_at gives update k's parameters). */
typedef struct NetTrace {
    NetRun run;
    const char *spec;
    ChangeLog changes;
} NetTrace;

/* A network scene traced: the model and data of c's --model and --data,
 * θ0 from --init-seed, and one run per --opt of o from it, each advanced
 * steps updates with c's --change.  Prints the error and returns the exit
 * status; *dest (cli_net_traces_free) holds what was built.
 * visit, when not NULL, is called with run r's θ after each update it
 * performs, and at its start (update 0): the runs are traced one after
 * the other, so net_run_theta(&traces->runs[r].run) is θ after `update`
 * updates.  A visit that returns false (having printed why) stops the
 * trace with EXIT_RUNTIME. */
typedef struct NetTraces {
    Model model;
    NetDataSplit data;
    double *theta0;
    NetTrace *runs;
    size_t count;
} NetTraces;
typedef bool (*NetTraceVisit)(void *context, const NetTraces *traces, size_t r,
                              size_t update);
int cli_net_traces(const SceneOptions *o, const CommandOptions *c, size_t steps,
                   NetTraceVisit visit, void *context, NetTraces *dest);
void cli_net_traces_free(NetTraces *traces);
int cli_eval_network(const CommandOptions *options);

#endif
