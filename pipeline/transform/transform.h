/*
 * Transform stage: review-data XML + an XSLT template -> XSL-FO, with
 * libxslt and libexslt.
 *
 * Templates run locked down: the security preferences forbid reading or
 * writing files other than the stylesheet's own imports, creating
 * directories and any network access.  XML is parsed with no network and
 * no entity substitution, so an input cannot pull in other files or expand
 * without bound.
 *
 * Ownership: documents returned here are the caller's, freed with
 * xmlFreeDoc(); a stylesheet is freed with rp_transform_free().
 */
#ifndef RP_TRANSFORM_H
#define RP_TRANSFORM_H

#include <libxml/tree.h>

#include "common/error.h"

struct rp_stylesheet;

/* Parses an XML file safely.  Parse errors name the file and line. */
enum rp_status rp_xml_read_file(const char *path, xmlDoc **out,
                                struct rp_error *err) RP_MUST_CHECK;

/* Same, from memory; name is used in error messages. */
enum rp_status rp_xml_read_memory(const char *data, size_t len,
                                  const char *name, xmlDoc **out,
                                  struct rp_error *err) RP_MUST_CHECK;

/* Serialises doc (UTF-8, indented) to path, atomically. */
enum rp_status rp_xml_write_file(xmlDoc *doc, const char *path,
                                 struct rp_error *err) RP_MUST_CHECK;

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
