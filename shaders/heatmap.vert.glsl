// heatmap.vert.glsl — one triangle covering the whole target; v_uv runs
// over [0, 1]^2 with (0, 0) at the bottom-left (the view's xmin, ymin).
#version 330 core

out vec2 v_uv;

void main()
{
    vec2 p = vec2(float(gl_VertexID & 1) * 4.0 - 1.0, float(gl_VertexID >> 1) * 4.0 - 1.0);
    v_uv = p * 0.5 + 0.5;
    gl_Position = vec4(p, 0.0, 1.0);
}
