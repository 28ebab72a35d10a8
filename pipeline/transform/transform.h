/*
 * Transform stage: review-data XML + an XSLT template -> XSL-FO, with
 * libxslt and libexslt.
 *
 * Templates run locked down: one loader of ours reads everything a
 * template asks for (xsl:include, xsl:import, document()) and only local
 * files in the main stylesheet's directory or below; the security
 * preferences forbid writing files, creating directories and any network
 * access.  Every document is parsed as common/xml.h says: internal
 * entities expanded within bounds, external ones refused.
 *
 * A transform runs within a budget (struct rp_transform_limits, from
 * CONFIG/limits.xml): wall time, memory, XPath operations, template
 * nesting and live variables.  A template that exceeds one is stopped
 * and the transform fails with an error naming the template and the
 * setting that raises the limit; it never returns a partial result.
 *
 * Ownership: documents returned here are the caller's, freed with
 * xmlFreeDoc(); a stylesheet is freed with rp_transform_free().
 */
#ifndef RP_TRANSFORM_H
#define RP_TRANSFORM_H

#include <stdint.h>

#include <libxml/tree.h>

#include "common/error.h"
#include "common/xml.h"

struct rp_stylesheet;

/* Loads and compiles an XSLT stylesheet; *out is freed with _free(). */
enum rp_status rp_transform_load(const char *path, struct rp_stylesheet **out,
                                 struct rp_error *err) RP_MUST_CHECK;
void rp_transform_free(struct rp_stylesheet *sheet);

/*
 * What one transform may take (docs/data-contract.md, "limits.xml").
 * Every field is at least 1: there is no "unlimited".
 */
struct rp_transform_limits {
    int64_t seconds;          /* wall time */
    int64_t memory_mb;        /* libxml2/libxslt memory, MiB */
    int64_t xpath_operations; /* XPath steps; also template instructions */
    int64_t template_depth;   /* nested templates and instruction bodies */
    int64_t variables;        /* variables and parameters live at once */
    char file[512];           /* the file that sets them, for messages */
};

/* The defaults, as if config_dir/limits.xml were absent; config_dir
 * (NULL: none) only names the file in messages. */
void rp_transform_limits_init(struct rp_transform_limits *l,
                              const char *config_dir);

/*
 * Reads config_dir/limits.xml into *l: an absent file or attribute keeps
 * the default, and config_dir NULL means the defaults only, as for the
 * merge's configuration.  A value out of range, an
 * unknown attribute or element is RP_ERR_INPUT naming the file, line and
 * attribute.
 */
enum rp_status rp_transform_limits_load(struct rp_transform_limits *l,
                                        const char *config_dir,
                                        struct rp_error *err) RP_MUST_CHECK;

/*
 * Applies sheet to in (which is not modified).  params is NULL or a
 * NULL-terminated list of name, value pairs; values are plain strings
 * (quoting is done here).  On RP_OK *out is a new document owned by the
 * caller.  Errors raised by the template (xsl:message terminate="yes",
 * forbidden operations) are RP_ERR_INPUT naming the stylesheet.  limits
 * is the budget (NULL: the defaults); a template that exceeds it is
 * RP_ERR_INPUT naming the template, its line and the limit, whatever
 * libxslt made of the rest.
 */
enum rp_status rp_transform_apply(struct rp_stylesheet *sheet, xmlDoc *in,
                                  const char *const *params,
                                  const struct rp_transform_limits *limits,
                                  xmlDoc **out,
                                  struct rp_error *err) RP_MUST_CHECK;

#endif
