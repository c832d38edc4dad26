// heatmap.frag.glsl — the landscape's values, already mapped to t by the
// CPU (linear or log), coloured through a colormap at t clamped to [0, 1],
// with contour lines at evenly spaced levels of t (contour.glsl), drawn on
// where the map reaches beyond the scale's range.
#version 330 core
#include "contour.glsl"

in vec2 v_uv;

uniform sampler2D u_field;      // R16 (normalised): t per grid cell over u_span
uniform vec2 u_span;            // t at the field's 0 and 1
uniform sampler2D u_colormap;   // 256 x 1 RGB, low end first
uniform float u_levels;         // contour levels over [0, 1]
uniform float u_line_width;     // contour width in pixels
uniform float u_line_strength;  // darkening at a line's centre, 0..1
uniform float u_paper;          // the colormap mixed this far towards white

out vec4 frag_color;

// The field at uv.  Its cells hold the values at their centres, so the
// outer half cell of each edge lies beyond the last centre, where a clamped
// texture read is flat across the edge: there fwidth saw only the slope
// along the edge, lines that had faded where they crowd came back, and
// the map's edges were dotted (schedules 2).  Beyond the last centres the
// outermost cells' slope carries on instead.
float field_at(vec2 uv)
{
    vec2 cell = 1.0 / vec2(textureSize(u_field, 0));
    vec2 inner = clamp(uv, 0.5 * cell, 1.0 - 0.5 * cell);
    vec2 beyond = (uv - inner) / cell;
    float r = textureLod(u_field, inner, 0.0).r;
    if (beyond == vec2(0.0))
        return r;
    vec2 back = sign(beyond) * cell;
    float rx = textureLod(u_field, inner - vec2(back.x, 0.0), 0.0).r;
    float ry = textureLod(u_field, inner - vec2(0.0, back.y), 0.0).r;
    return r + abs(beyond.x) * (r - rx) + abs(beyond.y) * (r - ry);
}

void main()
{
    float t = mix(u_span.x, u_span.y, field_at(v_uv));
    float contour = contour_at(t, u_levels, u_line_width, u_line_strength);
    vec3 colour = colormap_at(u_colormap, clamp(t, 0.0, 1.0), u_paper);
    frag_color = vec4(mix(colour, vec3(0.0), contour), 1.0);
}
