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
 * Ownership: documents returned here are the caller's, freed with
 * xmlFreeDoc(); a stylesheet is freed with rp_transform_free().
 */
#ifndef RP_TRANSFORM_H
#define RP_TRANSFORM_H

#include <libxml/tree.h>

#include "common/error.h"
#include "common/xml.h"

struct rp_stylesheet;

/* Loads and compiles an XSLT stylesheet; *out is freed with _free(). */
enum rp_status rp_transform_load(const char *path, struct rp_stylesheet **out,
                                 struct rp_error *err) RP_MUST_CHECK;
void rp_transform_free(struct rp_stylesheet *sheet);

/*
 * Applies sheet to in (which is not modified).  params is NULL or a
 * NULL-terminated list of name, value pairs; values are plain strings
 * (quoting is done here).  On RP_OK *out is a new document owned by the
 * caller.  Errors raised by the template (xsl:message terminate="yes",
 * forbidden operations) are RP_ERR_INPUT naming the stylesheet.
 */
enum rp_status rp_transform_apply(struct rp_stylesheet *sheet, xmlDoc *in,
                                  const char *const *params, xmlDoc **out,
                                  struct rp_error *err) RP_MUST_CHECK;

#endif
