/* scene_unit.c - placeholder until the scene is written. */
#include "browse_private.h"

static void draw(browse_t *b, ui_t *u)
{
    browse_chrome(b, u, "unit");
}

const scene_ops_t scene_unit_ops = {.draw = draw};
