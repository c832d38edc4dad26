// shape.frag.glsl — coverage of a capsule, disc or ring from the distance
// to its segment (beyond a butt end, to its line): one pixel of smooth
// edge, whatever the width.
#version 330 core

noperspective in vec2 v_pos;
flat in vec4 v_color;
flat in vec4 v_segment;
flat in vec3 v_shape;
flat in vec2 v_ends;

out vec4 frag_color;

void main()
{
    float coverage = 1.0;
    if (v_shape.x >= 0.0) {
        vec2 a = v_segment.xy;
        vec2 ab = v_segment.zw;
        float len2 = v_shape.z;
        float h = len2 > 0.0 ? clamp(dot(v_pos - a, ab) / len2, v_ends.x, v_ends.y) : 0.0;
        float d = length(v_pos - a - ab * h);
        if (v_shape.y > 0.0)
            d = abs(d - v_shape.y);
        coverage = clamp(v_shape.x + 0.5 - d, 0.0, 1.0);
    }
    if (coverage <= 0.0)
        discard;
    frag_color = vec4(v_color.rgb, v_color.a * coverage);
}
