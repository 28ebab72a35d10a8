/*
 * One document from its key (internal.h): a document's key, and the
 * review or status report made only when that key is not the one on
 * record beside the output.  What runs in a worker (a review) and what
 * the run makes itself (the status report) share it; the order of the
 * run, the pool and the summary are run.c's.  Kept apart from run.c so
 * that what decides "made again or not" reads in one place.
 *
 * A document's key: SHA-256 of the program's version, the templates and
 * configuration folders, the kind of document and its review data
 * without the generated= stamp (which moves every run while the data may
 * not).  A review's inputs digest (rp_merge_account_inputs()) goes on
 * record with its key, so that a review whose inputs did not move is
 * known unchanged without making its data.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "common/mem.h"
#include "common/version.h"
#include "common/xml.h"
#include "render/render.h"
#include "transform/transform.h"

/* ---- keys ---- */

/* The version, the templates and the configuration: what every document
 * depends on besides its data.  Anything else a template comes to read (a
 * logo beside the exports, say) must be added here or to the document's
 * data, or a change to it will not make the document again. */
enum rp_status rp_batch_key_prefix(const struct rp_batch_options *o,
                                   char out[RP_SHA256_HEX_SIZE],
                                   struct rp_error *err)
{
    struct rp_sha256 *h = rp_sha256_begin();
    enum rp_status status;

    rp_sha256_add_str(h, "reportpipe " RP_VERSION);
    rp_sha256_add_str(h, "templates");
    status = rp_batch_hash_tree(h, o->templates, err);
    if (status == RP_OK) {
        rp_sha256_add_str(h, "config");
        status = rp_batch_hash_tree(h, o->merge.config_dir, err);
    }
    rp_sha256_end(h, out);
    return status;
}

/* Where an account's logo may be, under the input folder (the review
 * template's convention: docs/data-contract.md). */
static const char *const logo_extensions[] = {"png", "jpg", "jpeg", "svg"};

bool rp_batch_logo(const struct rp_batch_options *o, const char *account_id,
                   char *name, size_t size)
{
    size_t i;

    for (i = 0; i < sizeof(logo_extensions) / sizeof(logo_extensions[0]); i++) {
        char *path;
        bool found;

        snprintf(name, size, "logos/%s.%s", account_id, logo_extensions[i]);
        path = rp_batch_path(o->input, name);
        found = access(path, F_OK) == 0;
        free(path);
        if (found)
            return true;
    }
    if (size)
        name[0] = '\0';
    return false;
}

/*
 * A document's key: the prefix, its kind, the language asked for (none:
 * the account's country, which is in the data, decides), the hash of its
 * data and, for
 * an account's review, its logo's bytes (input/logos/ID.png|jpg|jpeg|
 * svg): an image the review shows from beside the exports, read only
 * when the review is rendered.
 */
enum rp_status rp_batch_key_of(const struct rp_batch_options *o,
                               const char *prefix, const char *kind,
                               const char *data_hash, const char *account_id,
                               char out[RP_SHA256_HEX_SIZE],
                               struct rp_error *err)
{
    struct rp_sha256 *h = rp_sha256_begin();
    enum rp_status status = RP_OK;
    size_t i;

    rp_sha256_add_str(h, prefix);
    rp_sha256_add_str(h, kind);
    rp_sha256_add_str(h, o->lang ? o->lang : "lang by country");
    rp_sha256_add_str(h, data_hash);
    for (i = 0; account_id &&
                i < sizeof(logo_extensions) / sizeof(logo_extensions[0]) &&
                status == RP_OK;
         i++) {
        char name[300];
        char *path;

        snprintf(name, sizeof(name), "logos/%s.%s", account_id,
                 logo_extensions[i]);
        path = rp_batch_path(o->input, name);
        if (access(path, F_OK) == 0) {
            rp_sha256_add_str(h, name);
            status = rp_sha256_add_file(h, path, err);
        }
        free(path);
    }
    rp_sha256_end(h, out);
    return status;
}

/* ---- making a document ---- */

/* FO past this many nodes is rendered streamed (about 60 pages). */
#define LARGE_FO_NODES 100000

static bool is_large(xmlDoc *fo)
{
    xmlNode *n = xmlDocGetRootElement(fo);
    size_t count = 0;

    /* Depth first, without recursion, stopping at the threshold. */
    while (n && count < LARGE_FO_NODES) {
        count++;
        if (n->children) {
            n = n->children;
            continue;
        }
        while (n && !n->next)
            n = n->parent && n->parent->type == XML_ELEMENT_NODE ? n->parent
                                                                 : NULL;
        if (n)
            n = n->next;
    }
    return count >= LARGE_FO_NODES;
}

/* Transforms data with sheet and renders the result to OUTPUT/document;
 * with keep_intermediate the FO goes to OUTPUT/intermediate/<label>.fo. */
static enum rp_status make_pdf(const struct rp_batch_options *o,
                               struct rp_stylesheet *sheet, xmlDoc *data,
                               const char *const *params,
                               const struct rp_transform_limits *limits,
                               const char *label, const char *pdf_path,
                               int *pages, struct rp_error *err)
{
    struct rp_render_options ropt = {0};
    struct rp_render_result result = {0};
    enum rp_status status;
    xmlDoc *fo = NULL;
    xmlChar *bytes = NULL;
    char *fo_path = NULL;
    int len = 0;

    status = rp_transform_apply(sheet, data, params, limits, &fo, err);
    if (status != RP_OK)
        goto out;
    if (o->keep_intermediate) {
        char name[300];
        snprintf(name, sizeof(name), "intermediate/%s.fo", label);
        fo_path = rp_batch_path(o->output, name);
        status = rp_xml_write_file(fo, fo_path, err);
        if (status != RP_OK)
            goto out;
    }
    ropt.created = o->created;
    /* Images: beside the templates (brand assets), then in the input
     * folder (input/logos/...). */
    ropt.base_dir = o->templates;
    ropt.assets_dir = o->input;
    if (!is_large(fo)) {
        status = rp_render_fo_to_pdf(fo, fo_path ? fo_path : label, pdf_path,
                                     &ropt, &result, err);
        *pages = result.pages;
        goto out;
    }
    /* Streamed from its bytes, the tree freed first: a 500-page status
     * report would otherwise hold its FO tree and its layout at once.
     * (Streaming costs a tenth more time: small documents keep the
     * tree.) */
    xmlDocDumpMemoryEnc(fo, &bytes, &len, "UTF-8");
    xmlFreeDoc(fo);
    fo = NULL;
    if (!bytes || len < 0) {
        status = rp_error_set(err, RP_ERR_INTERNAL, label, 0, NULL,
                              "cannot serialise the FO");
        goto out;
    }
    status = rp_render_fo_bytes_to_pdf((const char *)bytes, (size_t)len,
                                       fo_path ? fo_path : label, pdf_path,
                                       &ropt, &result, err);
    *pages = result.pages;
out:
    if (fo)
        xmlFreeDoc(fo);
    xmlFree(bytes);
    free(fo_path);
    return status;
}

/*
 * Renders to a temporary beside pdf while data is checked against
 * schema, and publishes the PDF only when the check passed.
 */
static enum rp_status make_checked_pdf(struct run *r,
                                       struct rp_stylesheet *sheet,
                                       xmlDoc *data, const char *schema,
                                       const char *label, const char *pdf,
                                       int *pages, struct rp_error *err)
{
    const char *params[] = {r->o->lang ? "lang" : NULL, r->o->lang, NULL};
    struct rp_batch_check check;
    struct rp_error check_err;
    enum rp_status status, verdict;
    size_t n = strlen(pdf) + sizeof(".tmp.verify");
    char *pending = rp_xmalloc(n);

    /* A name rp_batch_remove_temporaries() knows: a run killed here
     * leaves nothing the next one keeps. */
    snprintf(pending, n, "%s.tmp.verify", pdf);
    status = rp_batch_check_start(&check, data, schema, r->report_known,
                                  r->n_report_known, err);
    if (status != RP_OK)
        goto out;
    status = make_pdf(r->o, sheet, data, params, &r->limits, label, pending,
                      pages, err);
    rp_error_init(&check_err);
    verdict = rp_batch_check_finish(&check, &check_err);
    if (status == RP_OK && verdict != RP_OK) {
        *err = check_err;
        status = verdict;
    }
    if (status == RP_OK && rename(pending, pdf) != 0)
        status = rp_error_set(err, RP_ERR_INTERNAL, pdf, 0, NULL,
                              "cannot rename %s into place: %s", pending,
                              strerror(errno));
out:
    if (status != RP_OK)
        unlink(pending);
    free(pending);
    return status;
}

/* Whether document is on record as made with key, and is there. */
static bool made_with(const struct rp_batch_options *o, const char *document,
                      const char *old, const char *key)
{
    char *pdf;
    bool made;

    /* --keep-intermediate asks for every document's FO: all are made. */
    if (o->force || o->keep_intermediate || !old[0] || strcmp(old, key) != 0)
        return false;
    pdf = rp_batch_path(o->output, document);
    made = access(pdf, R_OK) == 0;
    free(pdf);
    return made;
}

/*
 * Makes document from data unless its key is the one on record.  With a
 * schema, data is checked against it (only when the document is made:
 * the same key means the same data, checked when it was made).  A
 * review's inputs digest and data hash go on record with its key.
 */
enum rp_status rp_batch_make_document(
    struct run *r, struct rp_stylesheet *sheet, xmlDoc *data,
    const char *const *params, const char *schema, const char *key,
    const char *inputs, const char *data_hash, const char *label,
    const char *document, struct rp_batch_outcome *out, struct rp_error *err)
{
    const struct rp_batch_options *o = r->o;
    char old[RP_SHA256_HEX_SIZE], old_inputs[RP_SHA256_HEX_SIZE],
        old_data[RP_SHA256_HEX_SIZE];
    char *pdf;
    enum rp_status status;

    rp_batch_key_read(o->output, document, old, old_inputs, old_data);
    if (made_with(o, document, old, key)) {
        out->result = RP_BATCH_SKIPPED;
        return RP_OK;
    }
    rp_batch_key_forget(o->output, document);
    pdf = rp_batch_path(o->output, document);
    if (schema)
        status = make_checked_pdf(r, sheet, data, schema, label, pdf,
                                  &out->pages, err);
    else
        status = make_pdf(o, sheet, data, params, &r->limits, label, pdf,
                          &out->pages, err);
    if (status == RP_OK)
        status = rp_batch_key_write(o->output, document, key, inputs, data_hash,
                                    err);
    out->result = RP_BATCH_BUILT;
    free(pdf);
    return status;
}

/*
 * Whether account's review is on record as made from these inputs
 * (rp_merge_account_inputs()) with the key they give now: then its data
 * is the data it was made from, whose hash is on record too (data_hash),
 * and need not be made again to learn that nothing changed.  Any doubt
 * (no record, another key, a logo that cannot be read) says no, and the
 * data is made and hashed.
 */
static bool inputs_unchanged(struct run *r, const struct rp_account *a,
                             const char *document, const char *inputs,
                             char data_hash[RP_SHA256_HEX_SIZE])
{
    char old[RP_SHA256_HEX_SIZE], old_inputs[RP_SHA256_HEX_SIZE],
        key[RP_SHA256_HEX_SIZE];
    struct rp_error err;

    rp_batch_key_read(r->o->output, document, old, old_inputs, data_hash);
    if (!old_inputs[0] || strcmp(old_inputs, inputs) != 0)
        return false;
    rp_error_init(&err);
    return rp_batch_key_of(r->o, r->prefix, "review", data_hash, a->id, key,
                           &err) == RP_OK &&
           made_with(r->o, document, old, key);
}

enum rp_status rp_batch_make_review(struct run *r,
                                    const struct rp_batch_job *job,
                                    struct rp_batch_outcome *out,
                                    struct rp_error *err)
{
    const struct rp_account *a = rp_merge_account_at(r->merged, job->index);
    const char *params[7] = {"account-id", a->id};
    size_t n = 2;
    char logo[300];
    char key[RP_SHA256_HEX_SIZE], data_hash[RP_SHA256_HEX_SIZE],
        inputs[RP_SHA256_HEX_SIZE];
    char document[300], label[300];
    enum rp_status status;
    xmlDoc *doc = NULL;

    if (rp_batch_logo(r->o, a->id, logo, sizeof(logo))) {
        params[n++] = "logo";
        params[n++] = logo;
    }
    if (r->o->lang) {
        params[n++] = "lang";
        params[n++] = r->o->lang;
    }
    params[n] = NULL;
    snprintf(document, sizeof(document), "reviews/%s.pdf", a->id);
    rp_merge_account_inputs(r->merged, job->index, inputs);
    memcpy(out->inputs, inputs, sizeof(out->inputs));
    if (inputs_unchanged(r, a, document, inputs, data_hash)) {
        out->result = RP_BATCH_SKIPPED;
        status = RP_OK;
        goto out;
    }
    status = rp_merge_account_doc(r->merged, job->index, &doc, err);
    if (status != RP_OK)
        goto out;
    /* Reduced to what decides the review, the portfolio's figures gone:
     * a ticket of another account changes nothing here. */
    rp_batch_reduce(doc, a->id);
    status = rp_batch_reduced_hash(doc, data_hash, err);
    if (status != RP_OK)
        goto out;
    status =
        rp_batch_key_of(r->o, r->prefix, "review", data_hash, a->id, key, err);
    if (status != RP_OK)
        goto out;
    snprintf(label, sizeof(label), "review-%s", a->id);
    status =
        rp_batch_make_document(r, r->review, doc, params, NULL, key, inputs,
                               data_hash, label, document, out, err);
out:
    if (status == RP_OK && job->data_hash)
        snprintf(out->data_hash, sizeof(out->data_hash), "%s", data_hash);
    if (doc)
        xmlFreeDoc(doc);
    return status;
}

/* ---- the status report's check and its CSV ---- */

/* What names account i's part of the status report's data as checked:
 * its inputs and what they are checked with (the prefix holds the schema,
 * beside the templates). */
static void checked_key(const struct run *r, size_t i,
                        char out[RP_SHA256_HEX_SIZE])
{
    struct rp_sha256 *h = rp_sha256_begin();

    rp_sha256_add_str(h, r->prefix);
    rp_sha256_add_str(h, "checked account");
    rp_sha256_add_str(h, r->inputs[i]);
    rp_sha256_end(h, out);
}

/*
 * Which accounts' parts of the report's data passed an earlier check
 * with the inputs they have now (r->report_known), and the keys of every
 * account whose inputs are known, to be on record once this check
 * passes.  Accounts whose reviews were not looked at in this run
 * (--status-report-only) have no inputs: they are checked.
 */
GHashTable *rp_batch_known_checked(struct run *r)
{
    GHashTable *before = rp_batch_checked_read(r->o->output);
    GHashTable *now =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    char key[RP_SHA256_HEX_SIZE];
    size_t i;

    free(r->report_known);
    r->report_known = rp_xcalloc(r->n_inputs + 1, sizeof(*r->report_known));
    r->n_report_known = r->n_inputs;
    for (i = 0; i < r->n_inputs; i++) {
        if (!r->inputs[i][0])
            continue;
        checked_key(r, i, key);
        r->report_known[i] = before && g_hash_table_contains(before, key);
        g_hash_table_add(now, g_strdup(key));
    }
    if (before)
        g_hash_table_destroy(before);
    return now;
}

/* OUTPUT/unmatched-tickets.csv from the report's data (unmatched.c). */
enum rp_status rp_batch_write_unmatched(struct run *r, xmlDoc *summary)
{
    char *path = rp_batch_path(r->o->output, RP_BATCH_UNMATCHED_CSV);
    struct rp_error err;
    enum rp_status status;

    rp_error_init(&err);
    status = rp_batch_unmatched_csv(summary, path, &r->summary->unmatched_rows,
                                    &err);
    if (status == RP_OK)
        r->summary->unmatched_csv = true;
    else
        rp_batch_report(r->o, &err);
    free(path);
    return status;
}
