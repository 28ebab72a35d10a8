/*
 * Every XML document reportpipe reads goes through here: review data,
 * stylesheets and what they include, configuration, snapshots, FO.  One
 * set of parse options and one rule for what a document may pull in:
 *
 *   - no network (NONET), no external DTD (no DTDLOAD);
 *   - internal entities are expanded (NOENT), within libxml2's
 *     amplification limits (no HUGE), so "&company;" reaches the PDF;
 *   - external entities are refused by a process-wide entity loader that
 *     loads nothing: a document cannot make us read /etc/passwd or a URL.
 *     Documents themselves are opened by us (file descriptors), never by
 *     that loader, so refusing everything is safe.
 *
 * Errors are described in the user's terms ("the file is empty", "not an
 * XML document: it begins with ...") with the file and line, once.
 *
 * Ownership: documents returned here are the caller's, freed with
 * xmlFreeDoc(); a reader from rp_xml_reader_open() with
 * xmlFreeTextReader().
 */
#ifndef RP_COMMON_XML_H
#define RP_COMMON_XML_H

#include <stddef.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "error.h"

#define RP_XML_PARSE_OPTIONS                                                   \
    (XML_PARSE_NONET | XML_PARSE_NOENT | XML_PARSE_NOCDATA |                   \
     XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

/* Sets up libxml2 and installs the refusing entity loader; idempotent and
 * thread-safe.  Every function below calls it; others who call libxml2
 * directly call it first. */
void rp_xml_init(void);

/* Parses an XML file.  dict, if not NULL, is the dictionary the document
 * must use (libxslt's loader asks for that). */
enum rp_status rp_xml_read_file(const char *path, xmlDoc **out,
                                struct rp_error *err) RP_MUST_CHECK;
enum rp_status rp_xml_read_file_dict(const char *path, xmlDict *dict,
                                     xmlDoc **out,
                                     struct rp_error *err) RP_MUST_CHECK;

/* Same, from memory; name is used in error messages. */
enum rp_status rp_xml_read_memory(const char *data, size_t len,
                                  const char *name, xmlDoc **out,
                                  struct rp_error *err) RP_MUST_CHECK;

/* Serialises doc (UTF-8, indented) to path, atomically. */
enum rp_status rp_xml_write_file(xmlDoc *doc, const char *path,
                                 struct rp_error *err) RP_MUST_CHECK;

/* A streaming reader over path with the same options and loader; NULL
 * with err filled (the reason included) when the file cannot be opened. */
xmlTextReader *rp_xml_reader_open(const char *path, struct rp_error *err);
/* The same over len bytes at data, which must outlive the reader; name
 * stands for them in messages. */
xmlTextReader *rp_xml_reader_open_memory(const char *data, size_t len,
                                         const char *name,
                                         struct rp_error *err);

/* Copies libxml2's message s (which ends in a newline) into dst without
 * its trailing newlines and blanks; NULL copies as "". */
void rp_xml_message_copy(char *dst, size_t size, const char *s);

/*
 * Describes a parse failure of the file name in the user's terms: e is
 * libxml2's error, or NULL; at_line the line the parser stood on (for a
 * refused entity, whose error libxml2 places in the entity's own text).
 * Must run on the thread that parsed: a refused entity is remembered per
 * thread.  Returns the status to return.
 */
enum rp_status rp_xml_parse_failed(const xmlError *e, const char *name,
                                   long at_line, struct rp_error *err);

#endif
