// surface.frag.glsl — the lit surface: the colormap at t (the same scale
// as the 2D heatmap), contour lines at evenly spaced levels of t measured
// in pixels with fwidth (anti-aliased, fading where levels crowd, as in
// heatmap.frag.glsl), then diffuse light with a soft ambient floor, so the
// colours stay readable on slopes facing away, and a small highlight.
#version 330 core

in vec3 v_pos;
in vec3 v_normal;
in float v_t;
in float v_shade;

uniform sampler2D u_colormap;   // 256 x 1 RGB, low end first
uniform float u_levels;         // contour levels over [0, 1]
uniform float u_line_width;     // contour width in pixels
uniform float u_line_strength;  // darkening at a line's centre, 0..1
uniform vec3 u_light;           // unit direction towards the light
uniform vec3 u_eye;             // eye position, box coordinates

out vec4 frag_color;

void main()
{
    float t = clamp(v_t, 0.0, 1.0);
    vec3 base = texture(u_colormap, vec2(t * (255.0 / 256.0) + 0.5 / 256.0, 0.5)).rgb;
    float f = t * u_levels;
    float fw = fwidth(f);
    float dist = abs(fract(f + 0.5) - 0.5) / max(fw, 1e-6);
    float line = 1.0 - smoothstep(0.5 * u_line_width - 0.5, 0.5 * u_line_width + 0.5, dist);
    float fade = 1.0 - smoothstep(0.12, 0.3, fw);
    float contour = line * fade * step(0.5, f) * u_line_strength;

    vec3 n = normalize(gl_FrontFacing ? v_normal : -v_normal);
    vec3 to_eye = normalize(u_eye - v_pos);
    float diffuse = max(dot(n, u_light), 0.0);
    float highlight = pow(max(dot(n, normalize(u_light + to_eye)), 0.0), 60.0);
    // The highlight brightens the surface's own colour rather than adding
    // white, so its hue still reads against the legend.
    vec3 lit = base * (0.5 + 0.62 * diffuse + 0.3 * highlight) * v_shade;
    frag_color = vec4(mix(lit, vec3(0.0), contour), 1.0);
}
