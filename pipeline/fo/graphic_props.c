/*
 * Graphics: the properties of fo:external-graphic and
 * fo:instream-foreign-object (src, content-width, content-height,
 * scaling), and the foreign object's SVG taken out of the FO tree whole,
 * with the namespaces its ancestors declared, so that librsvg reads it as
 * a document of its own.  Their setters are named by the rows of the
 * property table (property.c), where src, content-type and
 * scaling-method are too.  Their viewport (width, height), alignment
 * (text-align, display-align) and overflow are the box and text
 * properties every element has.
 */
#include "property.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlsave.h>

#include "common/mem.h"

/*
 * content-width, content-height: auto, scale-to-fit, scale-down-to-fit,
 * scale-up-to-fit, a length, or a percentage of the intrinsic size.
 */
static bool parse_content_size(const char *value, double font_size,
                               struct rp_fo_content_size *out)
{
    static const struct {
        const char *name;
        enum rp_fo_content_size_kind kind;
    } keywords[] = {
        {"auto", RP_FO_CONTENT_AUTO},
        {"scale-to-fit", RP_FO_CONTENT_SCALE_TO_FIT},
        {"scale-down-to-fit", RP_FO_CONTENT_SCALE_DOWN},
        {"scale-up-to-fit", RP_FO_CONTENT_SCALE_UP},
    };
    const char *s = rp_fo_skip_space(value);
    double v;
    size_t i;

    for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
        if (!strcmp(s, keywords[i].name)) {
            out->kind = keywords[i].kind;
            out->value = 0;
            return true;
        }
    }
    if (rp_fo_parse_percent(s, &v) && v >= 0) {
        out->kind = RP_FO_CONTENT_PERCENT;
        out->value = v;
        return true;
    }
    if (rp_fo_parse_length(s, font_size, &v) && v >= 0) {
        out->kind = RP_FO_CONTENT_LENGTH;
        out->value = v;
        return true;
    }
    return false;
}

int rp_fo_set_content_size(const struct rp_fo_assignment *a, void *field)
{
    return parse_content_size(a->value, a->p->font_size, field);
}

int rp_fo_set_scaling(const struct rp_fo_assignment *a, void *field)
{
    if (!strcmp(a->value, "uniform"))
        *(bool *)field = false;
    else if (!strcmp(a->value, "non-uniform"))
        *(bool *)field = true;
    else
        return 0;
    return 1;
}

char *rp_fo_serialize_foreign(const xmlNode *object)
{
    const xmlNode *child;
    xmlDoc *doc;
    xmlNode *copy;
    xmlChar *mem = NULL;
    char *out = NULL;
    int len = 0;

    for (child = object->children; child; child = child->next) {
        if (child->type == XML_ELEMENT_NODE)
            break;
    }
    if (!child)
        return NULL;
    doc = xmlNewDoc((const xmlChar *)"1.0");
    /* The copy declares the namespaces it uses that were declared on its
     * ancestors (fo:root often declares svg:), at its own root. */
    copy = xmlDocCopyNode((xmlNode *)child, doc, 1);
    if (copy) {
        xmlDocSetRootElement(doc, copy);
        xmlReconciliateNs(doc, copy);
        xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
    }
    if (mem && len > 0) {
        out = rp_xmalloc((size_t)len + 1);
        memcpy(out, mem, (size_t)len);
        out[len] = '\0';
    }
    xmlFree(mem);
    xmlFreeDoc(doc);
    return out;
}
