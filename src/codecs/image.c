/* The DecodedImage: RGBA8888, top-down, zeroed on creation. */
#include <string.h>

#include "webrdp/graphics.h"

#define WRDP_IMAGE_MAX_SIDE 8192u

int wrdp_image_init(wrdp_image *img, uint32_t width, uint32_t height, wrdp_error *err)
{
    memset(img, 0, sizeof *img);
    if (width == 0 || height == 0)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "image: empty size %ux%u", width, height);
    if (width > WRDP_IMAGE_MAX_SIDE || height > WRDP_IMAGE_MAX_SIDE)
        return wrdp_error_set(err, WRDP_ERROR_LIMIT, "image: %ux%u exceeds %ux%u", width, height,
                              WRDP_IMAGE_MAX_SIDE, WRDP_IMAGE_MAX_SIDE);
    img->data = wrdp_calloc((size_t)width * height, 4);
    if (!img->data)
        return wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "image: no memory for %ux%u", width, height);
    img->width = width;
    img->height = height;
    img->stride = (size_t)width * 4;
    return WRDP_OK;
}

void wrdp_image_free(wrdp_image *img)
{
    wrdp_free(img->data);
    memset(img, 0, sizeof *img);
}
