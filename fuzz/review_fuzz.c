/*
 * libFuzzer target: bytes as a review-data document handed to
 * `reportpipe transform` or stored in the workflow: read from a file as
 * every document is (common/xml.h), checked against the review-data
 * schema, and when it passes, cut into each account's slice as a review
 * is rendered from.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "common/xml.h"
#include "merge/merge.h"

#define SCHEMA "templates/schema/review-data.rng"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[] = "/tmp/rp-review-fuzz-XXXXXX";
    static int fd = -1;
    struct rp_error err;
    xmlDoc *doc = NULL;
    xmlNode *n;
    int accounts = 0;

    if (fd < 0 && (fd = mkstemp(path)) < 0)
        abort();
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        abort();
    rp_error_init(&err);
    if (rp_xml_read_file(path, &doc, &err) != RP_OK)
        return 0;
    if (rp_merge_validate(doc, SCHEMA, &err) == RP_OK) {
        for (n = xmlDocGetRootElement(doc)->children; n && accounts < 8;
             n = n->next) {
            xmlChar *id;
            xmlDoc *slice = NULL;
            if (n->type != XML_ELEMENT_NODE ||
                !xmlStrEqual(n->name, BAD_CAST "account"))
                continue;
            id = xmlGetProp(n, BAD_CAST "id");
            rp_error_init(&err);
            if (id &&
                rp_merge_account_slice(doc, (const char *)id, &slice, &err) ==
                    RP_OK &&
                rp_merge_validate(slice, SCHEMA, &err) != RP_OK)
                abort(); /* a slice of a valid document is valid */
            xmlFreeDoc(slice);
            xmlFree(id);
            accounts++;
        }
    }
    xmlFreeDoc(doc);
    return 0;
}
