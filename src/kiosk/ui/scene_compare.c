/* scene_compare.c - placeholder until the scene is written. */
#include "browse_private.h"

static void draw(browse_t *b, ui_t *u)
{
    browse_chrome(b, u, "compare");
}

const scene_ops_t scene_compare_ops = {.draw = draw};
