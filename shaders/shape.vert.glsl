// shape.vert.glsl — anti-aliased 2D shapes in pixel coordinates: capsules
// (thick line segments with round ends, or butt ends where the pieces of
// a line meet on a mitre), discs, rings and solid quads.
// Every shape is a quad covering it; the fragment stage measures the
// distance to the shape.  Pixel coordinates start at the top-left corner.
#version 330 core

layout(location = 0) in vec2 a_pos;      // this corner, in pixels
layout(location = 1) in vec4 a_color;    // straight (not premultiplied) RGBA
layout(location = 2) in vec4 a_segment;  // the segment's ends (a.xy, b.xy), pixels
layout(location = 3) in vec4 a_shape;    // half width (< 0: solid fill), ring radius (0: none),
                                         // where along the segment its ends stop rounding

uniform vec2 u_size;                     // target size in pixels

noperspective out vec2 v_pos;
flat out vec4 v_color;
flat out vec4 v_segment;           // a.xy, then b - a
flat out vec3 v_shape;             // half width, ring radius, |b - a|^2
flat out vec2 v_ends;              // a_shape.zw

void main()
{
    v_pos = a_pos;
    v_color = a_color;
    vec2 ab = a_segment.zw - a_segment.xy;
    v_segment = vec4(a_segment.xy, ab);
    v_shape = vec3(a_shape.xy, dot(ab, ab));
    v_ends = a_shape.zw;
    gl_Position = vec4(a_pos.x / u_size.x * 2.0 - 1.0, 1.0 - a_pos.y / u_size.y * 2.0, 0.0, 1.0);
}
