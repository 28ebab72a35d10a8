/*
 * E-mail messages (internal.h): RFC 5322 / MIME built with GMime, never by
 * hand.  A message is made only of what it is given (its date, its
 * Message-ID and its boundary are derived from the caller's key), so the
 * same reminder on the same day is the same bytes: tests compare them and
 * an operator can tell a repeat from a new message.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#include <gmime/gmime.h>

#include "common/mem.h"

static void init_once(void)
{
    static int done;

    /* The workflow runs on one thread; GMime's own state is global. */
    if (!done) {
        g_mime_init();
        done = 1;
    }
}

static GMimeObject *text_part(const char *body)
{
    GMimeTextPart *text = g_mime_text_part_new_with_subtype("plain");

    g_mime_text_part_set_text(text, body);
    g_mime_text_part_set_charset(text, "utf-8");
    g_mime_part_set_content_encoding(GMIME_PART(text),
                                     GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
    return GMIME_OBJECT(text);
}

static GMimeObject *pdf_part(const struct rp_wf_mail *m)
{
    GMimePart *part = g_mime_part_new_with_type("application", "pdf");
    GMimeStream *stream =
        g_mime_stream_mem_new_with_buffer(m->attachment, m->attachment_len);
    GMimeDataWrapper *content = g_mime_data_wrapper_new_with_stream(
        stream, GMIME_CONTENT_ENCODING_DEFAULT);

    g_mime_part_set_content(part, content);
    g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
    g_mime_object_set_disposition(GMIME_OBJECT(part), "attachment");
    g_mime_part_set_filename(part, m->attachment_name);
    g_object_unref(content);
    g_object_unref(stream);
    return GMIME_OBJECT(part);
}

enum rp_status rp_wf_mail_build(const struct rp_wf_mail *m, char **out,
                                size_t *len, struct rp_error *err)
{
    GMimeMessage *msg;
    GMimeObject *body;
    GMimeStream *stream;
    GByteArray *bytes;
    GDateTime *date;
    char key[RP_SHA256_HEX_SIZE], id[160], boundary[64];
    const char *domain = strchr(m->from_addr, '@');

    *out = NULL;
    *len = 0;
    init_once();
    rp_sha256_hex(m->key, strlen(m->key), key);
    snprintf(id, sizeof(id), "%.32s@%s", key, domain ? domain + 1 : "invalid");
    snprintf(boundary, sizeof(boundary), "=-reportpipe-%.24s", key);
    msg = g_mime_message_new(TRUE);
    g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_FROM, m->from_name,
                               m->from_addr);
    g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_TO, m->to_name,
                               m->to_addr);
    g_mime_message_set_subject(msg, m->subject, "utf-8");
    date = g_date_time_new_from_unix_utc(m->date);
    g_mime_message_set_date(msg, date);
    g_date_time_unref(date);
    g_mime_message_set_message_id(msg, id);
    /* RFC 3834: no vacation replies to a robot. */
    g_mime_object_set_header(GMIME_OBJECT(msg), "Auto-Submitted",
                             "auto-generated", NULL);
    g_mime_object_set_header(GMIME_OBJECT(msg), "X-Reportpipe-Kind", m->kind,
                             NULL);
    body = text_part(m->body);
    if (m->attachment) {
        GMimeMultipart *mixed = g_mime_multipart_new_with_subtype("mixed");
        GMimeObject *pdf = pdf_part(m);

        g_mime_multipart_set_boundary(mixed, boundary);
        g_mime_multipart_add(mixed, body);
        g_mime_multipart_add(mixed, pdf);
        g_object_unref(body);
        g_object_unref(pdf);
        body = GMIME_OBJECT(mixed);
    }
    g_mime_message_set_mime_part(msg, body);
    g_object_unref(body);
    stream = g_mime_stream_mem_new();
    if (g_mime_object_write_to_stream(GMIME_OBJECT(msg), NULL, stream) < 0) {
        g_object_unref(stream);
        g_object_unref(msg);
        return rp_error_set(err, RP_ERR_INTERNAL, NULL, 0, NULL,
                            "GMime could not write the message '%s'",
                            m->subject);
    }
    bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream));
    *out = rp_xmalloc(bytes->len + 1);
    memcpy(*out, bytes->data, bytes->len);
    (*out)[bytes->len] = '\0';
    *len = bytes->len;
    g_object_unref(stream);
    g_object_unref(msg);
    return RP_OK;
}
