/*
 * palette.h — the colours of runs: the Okabe–Ito palette (Okabe & Ito,
 * "Color Universal Design", 2008), told apart by people with any common
 * form of colour blindness.  Black is left out (the paths carry a dark
 * casing), so runs cycle through seven colours.
 */
#ifndef DESCENT_RENDER_PALETTE_H
#define DESCENT_RENDER_PALETTE_H

#include <stddef.h>
#include <stdint.h>

#define PALETTE_SIZE 7

/* Run i's colour as 0xRRGGBB. */
uint32_t palette_run_color(size_t i);

#endif
