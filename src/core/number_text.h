/*
 * number_text.h — how a value is written on screen (plot and colour-bar
 * labels, the legend, the stability line), so that the picture says a
 * number the way the captions do: "2/η = 1053", not printf's "1.05e+03".
 *
 * The rule, for `digits` significant digits (1 to 5):
 *   - from 10^(digits−1) up to 10^5, the whole number, every digit
 *     (1052.6 → "1053", 23213 → "23213" at 3 digits): a whole number is
 *     never cut to its first digits and an exponent;
 *   - otherwise printf's %.{digits}g: plain decimals from 10^−4
 *     (0.00669, 12.3, 0.05), an exponent below 10^−4 and from 10^5 on
 *     (1.56e-05, 1.47e+05), where plain digits would be a row of zeros;
 *     0 is "0", NaN and infinities "nan", "-inf"; no trailing zeros.
 */
#ifndef DESCENT_CORE_NUMBER_TEXT_H
#define DESCENT_CORE_NUMBER_TEXT_H

#include <stddef.h>

/* Writes value by the rule above into dest (size bytes, NUL-terminated,
 * cut when too small) and returns dest; digits outside 1..5 are taken as
 * the nearest of them. */
const char *number_text(double value, int digits, char *dest, size_t size);

/* A share (0 to 1) as a whole percent, "62%", into dest as above; one
 * midway between two keeps its half: 154 of 400 is "38.5%", where
 * printf's %.0f rounds a half to even ("38%", against escape 1's
 * caption; issue 12).  The basins' shares on the map are written so. */
const char *share_text(double share, char *dest, size_t size);

#endif
