/*
 * The bare Pango + Cairo loop the table benchmark compares with: the same
 * cells as the standard ticket-table review, one PangoLayout per cell,
 * pango_cairo_show_layout, rows filled page by page, no formatter around
 * it.  What a hand-written report generator does.
 * usage: bare_table N OUT.pdf
 */
#include <stdio.h>
#include <stdlib.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

static const char *const categories[] = {
    "Billing",      "Login & Access", "Performance", "Data Import",
    "Integrations", "Reporting",      "Mobile App",  "Feature Request"};
static const char *const subjects[] = {
    "Cannot log in after password reset",
    "Invoice total differs from quote",
    "Dashboard loads slowly for large accounts",
    "Import of contacts.csv stuck at 52%",
    "Webhook to Dynamics returns 500",
    "Report totals off by 40",
    "Push notifications missing on Android",
    "Please add export to XLSX"};

int main(int argc, char **argv)
{
    const double mm = 72.0 / 25.4, page_w = 210 * mm, page_h = 297 * mm;
    const double margin = 20 * mm, top = margin + 12 * mm;
    const double bottom = page_h - margin - 12 * mm;
    const double widths[] = {22 * mm, 22 * mm, 12 * mm, 30 * mm, 0};
    double y;
    int n, i, c, page = 1;
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoFontDescription *font;

    if (argc != 3)
        return 2;
    n = atoi(argv[1]);
    surface = cairo_pdf_surface_create(argv[2], page_w, page_h);
    cr = cairo_create(surface);
    font = pango_font_description_from_string("DejaVu Sans 9");
    pango_font_description_set_absolute_size(font, 9 * PANGO_SCALE);
    y = top;
    for (i = 1; i <= n; i++) {
        char id[16], date[16], prio[8];
        const char *cells[5];
        double x = margin, row_h = 0, w_last = page_w - 2 * margin;
        PangoLayout *layouts[5];

        snprintf(id, sizeof(id), "T-%06d", i);
        snprintf(date, sizeof(date), "2026-%02d-%02d", i % 12 + 1, i % 28 + 1);
        snprintf(prio, sizeof(prio), "P%d", i % 4 + 1);
        cells[0] = id;
        cells[1] = date;
        cells[2] = prio;
        cells[3] = categories[i % 8];
        cells[4] = subjects[(i * 7) % 8];
        for (c = 0; c < 4; c++)
            w_last -= widths[c];
        for (c = 0; c < 5; c++) {
            int h;
            layouts[c] = pango_cairo_create_layout(cr);
            pango_layout_set_font_description(layouts[c], font);
            pango_layout_set_width(
                layouts[c],
                (int)(((c < 4 ? widths[c] : w_last) - 4) * PANGO_SCALE));
            pango_layout_set_text(layouts[c], cells[c], -1);
            pango_layout_get_size(layouts[c], NULL, &h);
            if ((double)h / PANGO_SCALE + 4 > row_h)
                row_h = (double)h / PANGO_SCALE + 4;
        }
        if (y + row_h > bottom) {
            cairo_show_page(cr);
            page++;
            y = top;
        }
        for (c = 0; c < 5; c++) {
            cairo_move_to(cr, x + 2, y + 2);
            pango_cairo_show_layout(cr, layouts[c]);
            x += c < 4 ? widths[c] : w_last;
            g_object_unref(layouts[c]);
        }
        cairo_move_to(cr, margin, y + row_h);
        cairo_line_to(cr, page_w - margin, y + row_h);
        cairo_set_line_width(cr, 0.5);
        cairo_stroke(cr);
        y += row_h;
    }
    cairo_show_page(cr);
    pango_font_description_free(font);
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    printf("%d pages\n", page);
    return 0;
}
