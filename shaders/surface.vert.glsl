// surface.vert.glsl — the landscape as a mesh in its box (3D view): each
// vertex carries its position, the normal from the core's exact gradient,
// its place t on the colour scale and a shade (1 on the surface, darker on
// the box's walls).
#version 330 core

layout(location = 0) in vec3 a_pos;      // box coordinates, z up
layout(location = 1) in vec3 a_normal;   // unit normal
layout(location = 2) in vec2 a_tone;     // t in [0, 1], shade

uniform mat4 u_view_proj;                // box -> clip space

out vec3 v_pos;
out vec3 v_normal;
out float v_t;
out float v_shade;

void main()
{
    v_pos = a_pos;
    v_normal = a_normal;
    v_t = a_tone.x;
    v_shade = a_tone.y;
    gl_Position = u_view_proj * vec4(a_pos, 1.0);
}
