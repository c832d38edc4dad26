// heatmap.frag.glsl — the landscape's values, already mapped to t in [0, 1]
// by the CPU (linear or log), coloured through a colormap, with contour
// lines at evenly spaced levels of t.  Lines are anti-aliased by measuring
// their distance in pixels with fwidth, and fade out where levels come
// closer than a few pixels (there they would only alias into noise).
#version 330 core

in vec2 v_uv;

uniform sampler2D u_field;      // R16 (normalised): t per grid cell
uniform sampler2D u_colormap;   // 256 x 1 RGB, low end first
uniform float u_levels;         // contour levels over [0, 1]
uniform float u_line_width;     // contour width in pixels
uniform float u_line_strength;  // darkening at a line's centre, 0..1

out vec4 frag_color;

void main()
{
    float t = clamp(texture(u_field, v_uv).r, 0.0, 1.0);
    vec3 color = texture(u_colormap, vec2(t * (255.0 / 256.0) + 0.5 / 256.0, 0.5)).rgb;
    float f = t * u_levels;
    float fw = fwidth(f);
    float dist = abs(fract(f + 0.5) - 0.5) / max(fw, 1e-6);
    float line = 1.0 - smoothstep(0.5 * u_line_width - 0.5, 0.5 * u_line_width + 0.5, dist);
    float fade = 1.0 - smoothstep(0.12, 0.3, fw);
    // No line at level 0: the minimum itself keeps the colormap's low end.
    float alpha = line * fade * step(0.5, f) * u_line_strength;
    frag_color = vec4(mix(color, vec3(0.0), alpha), 1.0);
}
