/*
 * The floor under the render-core benchmark: every justified paragraph of
 * the book shaped and broken into lines by Pango once (one PangoLayout
 * each, as DESIGN.md requires of the formatter), and nothing else: no FO
 * properties, no pagination, no painting, no PDF.  No formatter that
 * shapes with Pango can lay the book out faster than this.
 * usage: book_floor BOOK.fo
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>
#include <pango/pangocairo.h>

int main(int argc, char **argv)
{
    const double body_width = (210 - 40) * 72 / 25.4; /* A4, 20mm margins */
    PangoFontMap *map;
    PangoContext *context;
    PangoFontDescription *font;
    cairo_font_options_t *options;
    xmlTextReaderPtr reader;
    long paragraphs = 0, lines = 0;

    if (argc != 2)
        return 2;
    reader = xmlReaderForFile(argv[1], NULL, XML_PARSE_NONET);
    if (!reader)
        return 1;
    /* The same context as reportpipe's: 72 dpi, unrounded, unhinted. */
    map = pango_cairo_font_map_new();
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72.0);
    context = pango_font_map_create_context(map);
    pango_context_set_round_glyph_positions(context, FALSE);
    options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context, options);
    font = pango_font_description_from_string("DejaVu Serif");
    pango_font_description_set_absolute_size(font, 10 * PANGO_SCALE);
    while (xmlTextReaderRead(reader) == 1) {
        xmlChar *align, *text;
        PangoLayout *layout;

        if (xmlTextReaderNodeType(reader) != XML_READER_TYPE_ELEMENT ||
            strcmp((const char *)xmlTextReaderConstLocalName(reader), "block"))
            continue;
        align = xmlTextReaderGetAttribute(reader, BAD_CAST "text-align");
        if (!align || strcmp((const char *)align, "justify") != 0) {
            xmlFree(align);
            continue;
        }
        xmlFree(align);
        text = xmlTextReaderReadString(reader);
        layout = pango_layout_new(context);
        pango_layout_set_font_description(layout, font);
        pango_layout_set_width(layout, (int)(body_width * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_justify(layout, TRUE);
        pango_layout_set_text(layout, (const char *)text, -1);
        lines += pango_layout_get_line_count(layout);
        paragraphs++;
        g_object_unref(layout);
        xmlFree(text);
    }
    printf("%ld paragraphs, %ld lines\n", paragraphs, lines);
    xmlFreeTextReader(reader);
    pango_font_description_free(font);
    cairo_font_options_destroy(options);
    g_object_unref(context);
    g_object_unref(map);
    return 0;
}
