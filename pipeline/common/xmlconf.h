/*
 * Small XML configuration files an administrator writes by hand
 * (config/sla.xml, health.xml, workflow.xml, limits.xml): read without network
 * access, entity substitution or DTD loading, capped in size, with the
 * root element checked; attributes read with errors that name the file,
 * the element's line and the attribute.
 *
 * Ownership: a document from rp_xmlconf_read() is freed with xmlFreeDoc();
 * a value from rp_xmlconf_attr() with xmlFree().
 */
#ifndef RP_COMMON_XMLCONF_H
#define RP_COMMON_XMLCONF_H

#include <stdbool.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "error.h"

#define RP_XMLCONF_MAX_BYTES ((size_t)4 << 20)

enum rp_status rp_xmlconf_read(const char *path, const char *root_name,
                               xmlDoc **out,
                               struct rp_error *err) RP_MUST_CHECK;

/* The attribute's value (freed with xmlFree), or NULL. */
char *rp_xmlconf_attr(const xmlNode *n, const char *name);

/* "<el name="value">: expected EXPECTED", at the element's line. */
enum rp_status rp_xmlconf_bad_attr(const char *path, const xmlNode *n,
                                   const char *name, const char *value,
                                   const char *expected, struct rp_error *err);

/* A whole number in [lo, hi]; absent leaves *out alone unless required. */
enum rp_status rp_xmlconf_int(const char *path, const xmlNode *n,
                              const char *name, bool required, int64_t lo,
                              int64_t hi, int64_t *out,
                              struct rp_error *err) RP_MUST_CHECK;

bool rp_xmlconf_is_element(const xmlNode *n, const char *name);

/* "<el> is not expected inside <parent>". */
enum rp_status rp_xmlconf_unexpected(const char *path, const xmlNode *n,
                                     const char *parent, struct rp_error *err);

#endif
