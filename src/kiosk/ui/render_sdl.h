/* render_sdl.h - private glue between the three SDL modules of ui/.
 *
 * Only platform.c, render.c and text.c include this (and SDL).  Scenes use
 * render.h, text.h and platform.h, which have no SDL types.
 */
#ifndef RENDER_SDL_H
#define RENDER_SDL_H

#include <SDL.h>

#include "render.h"

/* Creates a renderer for a window the platform owns.  driver "" lets SDL
 * choose; "software" forces the CPU renderer. */
render_t *render_create_for_window(SDL_Window *win, const char *driver,
                                   int vsync, diag_t *d);

SDL_Renderer *render_sdl(render_t *r);

/* Counts one draw call that text.c made on the renderer. */
void render_count_call(render_t *r);

/* Called when SDL says targets (or the device) were reset. */
void render_note_reset(render_t *r);

#endif
