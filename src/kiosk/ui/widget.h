/* widget.h - finger-sized controls for the customer's screens.
 *
 * Immediate mode, after microui: a scene calls ui_button() and friends while
 * it draws; each control draws itself and leaves a hit target behind.  A tap
 * is then matched against the targets of the last frame drawn
 * (ui_hit_test), so what the finger hits is exactly what the customer saw.
 * Sizes are given on a design grid whose shorter side is 1080 px (ui_s
 * scales them to the screen), so one layout serves 1920x1080, 1080x1920 and
 * everything from a 7-inch panel to 4K.
 *
 * Not for: deciding what a tap means (the scenes do) or SDL (render.h and
 * text.h are the drawing surface).
 */
#ifndef WIDGET_H
#define WIDGET_H

#include "geom.h"
#include "render.h"
#include "text.h"

#define UI_HITS_MAX 1024  /* targets a frame may leave; more are ignored */

typedef struct ui ui_t;

/* r and t must outlive the ui.  Returns NULL when out of memory. */
ui_t *ui_create(render_t *r, text_t *t);
void ui_destroy(ui_t *u);

render_t *ui_render(const ui_t *u);
text_t *ui_text_engine(const ui_t *u);

/* Starts a frame of w x h pixels: forgets the last frame's targets. */
void ui_begin(ui_t *u, int w, int h);
/* Design pixels (shorter side 1080) to screen pixels; never below 1 for a
 * positive size. */
int ui_s(const ui_t *u, int design_px);
rect_t ui_screen(const ui_t *u);
int ui_portrait(const ui_t *u);

/* Hit targets: the last one added on top wins.  action 0 is "nothing". */
void ui_hit(ui_t *u, rect_t r, int action, int arg);
/* 1 with the action and arg of the topmost target under (x, y), else 0. */
int ui_hit_test(const ui_t *u, int x, int y, int *action, int *arg);
/* Where the target with this action and arg was drawn (tests tap it as a
 * finger would).  Returns 1, or 0 when it was not on screen. */
int ui_find(const ui_t *u, int action, int arg, rect_t *out);
/* Targets left by the last frame (for the monkey test and diagnostics). */
int ui_hit_count(const ui_t *u);
/* Target i (0 = first drawn): 1 with its rectangle, action and argument,
 * or 0 when i is out of range. */
int ui_hit_at(const ui_t *u, int i, rect_t *r, int *action, int *arg);

/* ---- drawing ------------------------------------------------------------ */

/* A rectangle with rounded corners (radius in screen px), one draw call. */
void ui_round_rect(ui_t *u, rect_t r, int radius, color_t c);
/* A rounded frame of the given thickness. */
void ui_round_frame(ui_t *u, rect_t r, int radius, int thickness, color_t c);

/* Text fitted into box: drawn at px, or smaller down to 3/4 of px when it
 * would not fit the width, and clipped to the box after that. */
void ui_label(ui_t *u, rect_t box, const char *s, int px, text_weight_t wt,
              text_align_t align, color_t c);

/* A paragraph wrapped to box.w (CJK and Latin rules, linebreak.h), drawn
 * from the top of box with lines line_h apart; lines below the box are
 * not drawn.  Returns the height the whole text needs. */
int ui_paragraph(ui_t *u, rect_t box, const char *s, int px, int line_h,
                 text_weight_t wt, color_t c);
/* A linebreak.h measurer over the text engine (ctx: a ui_measure_t), for
 * scenes that lay out lines themselves. */
typedef struct {
    text_t *t;
    int px;
    text_weight_t wt;
} ui_measure_t;
int ui_measure(void *ctx, const char *s, size_t len);

/* The height ui_paragraph would need, without drawing. */
int ui_paragraph_height(ui_t *u, int w, const char *s, int px, int line_h);

typedef enum {
    BTN_PRIMARY = 0,  /* gold, the one thing to do next */
    BTN_SECONDARY,    /* outlined */
    BTN_QUIET,        /* text only, for the top bar */
    BTN_CHIP,         /* a filter choice, off */
    BTN_CHIP_ON,      /* a filter choice, on */
    BTN_DISABLED,     /* drawn greyed, leaves no target */
} ui_button_kind_t;

/* A button with a centred label.  Leaves a target at least 48 design px
 * square around it, even when drawn smaller, so fingers find it. */
void ui_button(ui_t *u, rect_t r, const char *label, ui_button_kind_t kind,
               int action, int arg);

/* A picture scaled to fit inside box (letterboxed), centred; with
 * cover set, scaled to fill box and cropped.  NULL draws the placeholder
 * ("picture not available", in label). */
void ui_image(ui_t *u, rect_t box, render_image_t *img, int cover,
              const char *label);

/* A QR code (width x width modules, 1 = dark) on a white card with the
 * quiet zone the standard asks for. */
void ui_qr(ui_t *u, rect_t box, const unsigned char *modules, int width);

/* Rows of a layout: splits r into n equal parts with gap between them. */
rect_t ui_row(rect_t r, int n, int i, int gap);
rect_t ui_col(rect_t r, int n, int i, int gap);
rect_t ui_inset(rect_t r, int by);

#endif
