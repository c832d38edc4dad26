// surface.frag.glsl — the lit surface: the colormap at t (the same scale
// as the 2D heatmap) and its contour lines, both from contour.glsl as in
// heatmap.frag.glsl, then diffuse light with a soft ambient floor, so the
// colours stay readable on slopes facing away, and a small highlight.
#version 330 core
#include "contour.glsl"

in vec3 v_pos;
in vec3 v_normal;
in float v_t;
in float v_shade;

uniform sampler2D u_colormap;   // 256 x 1 RGB, low end first
uniform float u_levels;         // contour levels over [0, 1]
uniform float u_line_width;     // contour width in pixels
uniform float u_line_strength;  // darkening at a line's centre, 0..1
uniform float u_paper;          // the colormap mixed this far towards white
uniform vec3 u_light;           // unit direction towards the light
uniform vec3 u_eye;             // eye position, box coordinates

out vec4 frag_color;

void main()
{
    float t = clamp(v_t, 0.0, 1.0);
    vec3 base = colormap_at(u_colormap, t, u_paper);
    float contour = contour_at(t, u_levels, u_line_width, u_line_strength);

    vec3 n = normalize(gl_FrontFacing ? v_normal : -v_normal);
    vec3 to_eye = normalize(u_eye - v_pos);
    float diffuse = max(dot(n, u_light), 0.0);
    float highlight = pow(max(dot(n, normalize(u_light + to_eye)), 0.0), 60.0);
    // The highlight brightens the surface's own colour rather than adding
    // white, so its hue still reads against the legend.
    vec3 lit = base * (0.5 + 0.62 * diffuse + 0.3 * highlight) * v_shade;
    frag_color = vec4(mix(lit, vec3(0.0), contour), 1.0);
}
