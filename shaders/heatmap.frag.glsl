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

void main()
{
    float t = mix(u_span.x, u_span.y, clamp(texture(u_field, v_uv).r, 0.0, 1.0));
    float contour = contour_at(t, u_levels, u_line_width, u_line_strength);
    vec3 colour = colormap_at(u_colormap, clamp(t, 0.0, 1.0), u_paper);
    frag_color = vec4(mix(colour, vec3(0.0), contour), 1.0);
}
