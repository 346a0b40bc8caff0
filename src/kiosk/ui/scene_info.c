/* scene_info.c - placeholder until the scene is written. */
#include "browse_private.h"

static void draw(browse_t *b, ui_t *u)
{
    browse_chrome(b, u, "info");
}

const scene_ops_t scene_info_ops = {.draw = draw};
