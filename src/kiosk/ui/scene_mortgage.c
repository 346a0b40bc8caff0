/* scene_mortgage.c - placeholder until the scene is written. */
#include "browse_private.h"

static void draw(browse_t *b, ui_t *u)
{
    browse_chrome(b, u, "mortgage");
}

const scene_ops_t scene_mortgage_ops = {.draw = draw};
