/*
 * What is read from an xmlDoc as a whole rather than element by element:
 * the XMP metadata in fo:declarations and whether anything needs a page
 * number before its page is painted.  Both walk the tree without
 * recursion: an in-memory document (XSLT's result) has no depth limit of
 * the parser's, and these walks run over parts of it that
 * RP_FO_MAX_DEPTH does not reach (foreign XML, or the whole document
 * before it is read), so a deep one must not overflow the stack here.
 */
#include "fo_internal.h"

#include <string.h>

#include <glib.h>

#define DC_NS "http://purl.org/dc/elements/1.1/"
#define PDF_NS "http://ns.adobe.com/pdf/1.3/"

/*
 * The node after n in document order among the elements under top (the
 * parent of the first node walked): n's first child when descend and n
 * is an element with children, else the next sibling of n or of its
 * nearest ancestor that has one; NULL at the end.  Only elements are
 * entered: an entity reference's children belong to its declaration.
 */
static const xmlNode *next_node(const xmlNode *n, const xmlNode *top,
                                bool descend)
{
    if (descend && n->type == XML_ELEMENT_NODE && n->children)
        return n->children;
    for (; n && n != top; n = n->parent) {
        if (n->next)
            return n->next;
    }
    return NULL;
}

static const char *ns_of(const xmlNode *n)
{
    return n->ns && n->ns->href ? (const char *)n->ns->href : "";
}

/* Where the text of a Dublin Core or PDF element goes, or NULL. */
static const char **metadata_slot(struct rp_fo_metadata *md, const xmlNode *n)
{
    const char *ns = ns_of(n), *name = (const char *)n->name;

    if (!strcmp(ns, DC_NS) && !strcmp(name, "title"))
        return &md->title;
    if (!strcmp(ns, DC_NS) && !strcmp(name, "creator"))
        return &md->author;
    if (!strcmp(ns, DC_NS) && !strcmp(name, "description"))
        return &md->subject;
    if (!strcmp(ns, PDF_NS) && !strcmp(name, "Keywords"))
        return &md->keywords;
    return NULL;
}

void rp_fo_xml_collect_metadata(const xmlNode *first, struct rp_fo_metadata *md,
                                struct rp_fo_strings *strings)
{
    const xmlNode *top = first ? first->parent : NULL, *n = first;

    while (n) {
        const char **slot = NULL;
        xmlChar *text;

        if (n->type == XML_ELEMENT_NODE)
            slot = metadata_slot(md, n);
        if (!slot) {
            n = next_node(n, top, true);
            continue;
        }
        text = xmlNodeGetContent(n);
        if (text && !*slot) {
            /* dc:title may wrap its text in rdf:Alt/rdf:li: trim it. */
            g_strstrip((char *)text);
            *slot = rp_fo_strings_intern(strings, (const char *)text);
        }
        xmlFree(text);
        n = next_node(n, top, false);
    }
}

static bool cites_a_page(const xmlNode *n)
{
    int kind = rp_fo_kind_of(n->ns ? (const char *)n->ns->href : NULL,
                             (const char *)n->name);

    return kind == RP_FO_PAGE_NUMBER_CITATION ||
           kind == RP_FO_PAGE_NUMBER_CITATION_LAST ||
           kind == RP_FO_BOOKMARK_TREE ||
           (kind == RP_FO_BASIC_LINK &&
            xmlHasProp(n, (const xmlChar *)"internal-destination"));
}

bool rp_fo_xml_has_citations(const xmlNode *root)
{
    const xmlNode *n;

    for (n = root; n; n = next_node(n, root ? root->parent : NULL, true)) {
        if (n->type == XML_ELEMENT_NODE && cites_a_page(n))
            return true;
    }
    return false;
}
