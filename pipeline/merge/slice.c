/*
 * One account's slice of a finished review-data document: what a single
 * account's review is rendered from (merge.h).
 */
#include <libxml/xmlstring.h>

#include "builder.h"

static bool is_element(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}

static bool has_id(xmlNode *n, const char *id)
{
    xmlChar *value = xmlGetProp(n, BAD_CAST "id");
    bool same = value && xmlStrEqual(value, BAD_CAST id);
    xmlFree(value);
    return same;
}

enum rp_status rp_merge_account_slice(xmlDoc *doc, const char *account_id,
                                      xmlDoc **out, struct rp_error *err)
{
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL, *n, *copy;
    xmlDoc *slice = NULL;
    enum rp_status status = RP_OK;
    bool found = false;

    *out = NULL;
    if (!root || !is_element(root, "review-data")) {
        status = rp_error_set(err, RP_ERR_INPUT, NULL, 0, "review-data",
                              "the document is not review data");
        goto out;
    }
    /* Copied part by part rather than copied whole and pruned: the slice
     * costs what the account holds, not what the portfolio does. */
    slice = rp_merge_must(xmlNewDoc(BAD_CAST "1.0"));
    copy = rp_merge_must(xmlDocCopyNode(root, slice, 2)); /* attributes only */
    xmlDocSetRootElement(slice, copy);
    for (n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || is_element(n, "unmatched"))
            continue;
        if (is_element(n, "account")) {
            if (found || !has_id(n, account_id))
                continue;
            found = true;
        }
        xmlAddChild(copy, rp_merge_must(xmlDocCopyNode(n, slice, 1)));
    }
    if (!found) {
        status =
            rp_error_set(err, RP_ERR_INPUT, NULL, 0, "account",
                         "the review data holds no account '%s'", account_id);
        goto out;
    }
    *out = slice;
    slice = NULL;
out:
    xmlFreeDoc(slice);
    return status;
}
