/* cloud.c — see cloud.h. */
#include "cloud.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "texture.h"

/* Opacity one particle gives its cell. */
#define CLOUD_SINGLE_ALPHA 0.5

void cloud_init(Cloud *cloud)
{
    *cloud = (Cloud){0};
    for (int n = 0; n < 256; n++)
        cloud->opacity[n] = (uint8_t)lround(255.0 * (1.0 - pow(1.0 - CLOUD_SINGLE_ALPHA, n)));
    cloud->texture = texture_create(GL_LINEAR);
    /* Sampled as (1, 1, 1, count's opacity): white that the tint colours. */
    const GLint swizzle[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
}

void cloud_release(Cloud *cloud)
{
    if (cloud->texture)
        glDeleteTextures(1, &cloud->texture);
    free(cloud->cells);
    *cloud = (Cloud){0};
}

bool cloud_begin(Cloud *cloud, int width, int height, double cell, int slices)
{
    int columns = (int)ceil(width / cell), rows = (int)ceil(height / cell);
    size_t size = (size_t)columns * (size_t)rows * (size_t)slices;
    if (columns != cloud->columns || rows != cloud->rows || slices != cloud->slices) {
        uint8_t *cells = realloc(cloud->cells, size);
        if (!cells)
            return false;
        cloud->cells = cells;
        cloud->columns = columns;
        cloud->rows = rows;
        cloud->slices = slices;
    }
    cloud->cell = cell;
    memset(cloud->cells, 0, size);
    return true;
}

void cloud_add(Cloud *cloud, int slice, const double *x, const double *y)
{
    /* The cells first, all at once (divisions, in vectors), then the counts. */
    double u[CLOUD_BATCH], v[CLOUD_BATCH], cell = cloud->cell;
    for (size_t i = 0; i < CLOUD_BATCH; i++) {
        u[i] = x[i] / cell;
        v[i] = y[i] / cell;
    }
    size_t columns = (size_t)cloud->columns;
    uint8_t *cells = cloud->cells + (size_t)slice * columns * (size_t)cloud->rows;
    for (size_t i = 0; i < CLOUD_BATCH; i++) {
        if (!(u[i] >= 0 && v[i] >= 0 && u[i] < cloud->columns && v[i] < cloud->rows))
            continue;
        /* A branch, not a store of the same count: where the cloud is
         * solid, the counts stop at 255 and the stores that each waited
         * for the last one stop too. */
        uint8_t *c = &cells[(size_t)v[i] * columns + (size_t)u[i]];
        if (*c < 255)
            (*c)++;
    }
}

void cloud_upload(Cloud *cloud)
{
    size_t count = (size_t)cloud->columns * (size_t)cloud->rows;
    for (int slice = 1; slice < cloud->slices; slice++) {
        const uint8_t *more = cloud->cells + (size_t)slice * count;
        for (size_t i = 0; i < count; i++) {
            unsigned sum = (unsigned)cloud->cells[i] + more[i];
            cloud->cells[i] = (uint8_t)(sum < 255 ? sum : 255);
        }
    }
    int *used = cloud->used;
    used[0] = cloud->columns, used[1] = cloud->rows, used[2] = used[3] = 0;
    for (int row = 0; row < cloud->rows; row++) {
        uint8_t *cells = cloud->cells + (size_t)row * (size_t)cloud->columns;
        for (int column = 0; column < cloud->columns; column++) {
            if (!cells[column])
                continue;
            cells[column] = cloud->opacity[cells[column]];
            used[0] = column < used[0] ? column : used[0];
            used[2] = column + 1 > used[2] ? column + 1 : used[2];
            used[1] = row < used[1] ? row : used[1];
            used[3] = row + 1;
        }
    }
    glBindTexture(GL_TEXTURE_2D, cloud->texture);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, cloud->columns, cloud->rows, 0, GL_RED,
                 GL_UNSIGNED_BYTE, cloud->cells);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
}

/* Cells beyond the used ones that a pixel's linear filter may still reach
 * (one), and one more against rounding in the interpolated coordinates. */
#define CLOUD_FILTER_REACH 2

bool cloud_drawn_box(const Cloud *cloud, int box[4])
{
    if (cloud->used[0] >= cloud->used[2])
        return false;
    for (int k = 0; k < 4; k++) {
        int cell = cloud->used[k] + (k < 2 ? -CLOUD_FILTER_REACH : CLOUD_FILTER_REACH);
        box[k] = (int)(k < 2 ? floor(cell * cloud->cell) : ceil(cell * cloud->cell));
    }
    return true;
}
