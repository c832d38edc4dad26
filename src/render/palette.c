/* palette.c — see palette.h. */
#include "palette.h"

/* Orange, sky blue, reddish purple, bluish green, yellow, vermillion, blue:
 * ordered so the first runs contrast most on viridis and magma. */
static const uint32_t okabe_ito[PALETTE_SIZE] = {
    0xE69F00, 0x56B4E9, 0xCC79A7, 0x009E73, 0xF0E442, 0xD55E00, 0x0072B2,
};

uint32_t palette_run_color(size_t i)
{
    return okabe_ito[i % PALETTE_SIZE];
}
