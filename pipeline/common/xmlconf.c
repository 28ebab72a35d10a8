/* Hand-written XML configuration files (xmlconf.h). */
#include "xmlconf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "xml.h"

/* Parsed like every document (xml.h): a configuration file cannot pull
 * in other files. */
enum rp_status rp_xmlconf_read(const char *path, const char *root_name,
                               xmlDoc **out, struct rp_error *err)
{
    enum rp_status status;
    struct stat st;
    xmlDoc *doc;
    xmlNode *root;

    *out = NULL;
    if (stat(path, &st) != 0 || (size_t)st.st_size > RP_XMLCONF_MAX_BYTES)
        return rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                            "cannot read the file, or it is larger than "
                            "%zu bytes",
                            RP_XMLCONF_MAX_BYTES);
    status = rp_xml_read_file(path, &doc, err);
    if (status != RP_OK)
        return status;
    root = xmlDocGetRootElement(doc);
    if (!root || xmlStrcmp(root->name, BAD_CAST root_name) != 0) {
        /* The line goes with the document: read it first. */
        long line = root ? root->line : 0;
        xmlFreeDoc(doc);
        return rp_error_set(err, RP_ERR_INPUT, path, line, NULL,
                            "expected the root element <%s>", root_name);
    }
    *out = doc;
    return RP_OK;
}

char *rp_xmlconf_attr(const xmlNode *n, const char *name)
{
    return (char *)xmlGetProp(n, BAD_CAST name);
}

enum rp_status rp_xmlconf_bad_attr(const char *path, const xmlNode *n,
                                   const char *name, const char *value,
                                   const char *expected, struct rp_error *err)
{
    return rp_error_set(err, RP_ERR_INPUT, path, n->line, name,
                        "<%s %s=\"%s\">: expected %s", (const char *)n->name,
                        name, value ? value : "", expected);
}

enum rp_status rp_xmlconf_int(const char *path, const xmlNode *n,
                              const char *name, bool required, int64_t lo,
                              int64_t hi, int64_t *out, struct rp_error *err)
{
    char *v = rp_xmlconf_attr(n, name), *end = NULL;
    long long x;
    enum rp_status status = RP_OK;

    if (!v) {
        if (required)
            status = rp_error_set(err, RP_ERR_INPUT, path, n->line, name,
                                  "<%s> needs the attribute %s",
                                  (const char *)n->name, name);
        return status;
    }
    errno = 0;
    x = strtoll(v, &end, 10);
    if (v[0] < '0' || v[0] > '9' || *end || errno || x < lo || x > hi) {
        char expected[96];
        snprintf(expected, sizeof(expected), "a whole number from %lld to %lld",
                 (long long)lo, (long long)hi);
        status = rp_xmlconf_bad_attr(path, n, name, v, expected, err);
    } else {
        *out = x;
    }
    xmlFree(v);
    return status;
}

bool rp_xmlconf_is_element(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE &&
           xmlStrcmp(n->name, BAD_CAST name) == 0;
}

enum rp_status rp_xmlconf_unexpected(const char *path, const xmlNode *n,
                                     const char *parent, struct rp_error *err)
{
    return rp_error_set(err, RP_ERR_INPUT, path, n->line, NULL,
                        "<%s> is not expected inside <%s>",
                        (const char *)n->name, parent);
}
