// contour.glsl — what the 2D heatmap and the 3D surface colour alike, so
// the two views read the same: the colormap at t in [0, 1], and contour
// lines at evenly spaced levels of t.  Lines are anti-aliased by measuring
// their distance in pixels with fwidth, and fade out where levels come
// closer than a few pixels (there they would only alias into noise).
// Included by a stage's `#include "contour.glsl"` line (shader.c).

// colormap: 256 x 1 RGB, low end first.
vec3 colormap_at(sampler2D colormap, float t, float paper)
{
    vec3 c = texture(colormap, vec2(t * (255.0 / 256.0) + 0.5 / 256.0, 0.5)).rgb;
    return mix(c, vec3(1.0), paper);
}

// How much a contour line darkens the colour at t, 0..strength: levels
// lines over [0, 1], on at that spacing below it, and above it at levels of
// 1 + ln t, spaced as the value's ratio (the spacing meets [0, 1]'s at t = 1):
// a wall far above the colour bar's top (momentum 2's, at five times the
// lesson's scale) kept evenly spaced lines only where they came closer than
// a few pixels, and showed as flat colour, a plateau.  Each line width
// pixels wide.  No line at level 0: the minimum itself keeps the
// colormap's low end.
float contour_at(float t, float levels, float width, float strength)
{
    float f = (t > 1.0 ? 1.0 + log(t) : t) * levels;
    float fw = max(fwidth(f), 1e-6);
    // Where levels crowd, every 2nd, 4th or 8th line stays, the others
    // fading out before they come closer than a few pixels: with no line
    // left there, the steep walls beyond the colour bar's top read as flat
    // bands of its top colour (schedules 2 with --projector, issue 12).
    float every = exp2(clamp(floor(log2(fw / 0.12)), 0.0, 3.0));
    float line = 0.0;
    for (int k = 0; k < 2; k++) {
        float g = f / every, gw = fw / every;
        float dist = abs(fract(g + 0.5) - 0.5) / gw;
        float on = 1.0 - smoothstep(0.5 * width - 0.5, 0.5 * width + 0.5, dist);
        float fade = 1.0 - smoothstep(0.12, k == 0 ? 0.24 : 0.3, gw);
        line = max(line, on * fade);
        every *= 2.0;
    }
    return line * step(0.5, abs(f)) * strength;
}
