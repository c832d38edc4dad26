/* cli_pending.c — TEMPORARY: subcommands whose modules are being written in
 * parallel right now.  Each is deleted when its real implementation lands. */
#include "cli.h"

int cli_record(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("recording is not built yet");
    return EXIT_RUNTIME;
}
