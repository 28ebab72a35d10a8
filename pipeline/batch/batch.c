/* Batch stage: a run, snapshots, reviews from snapshots (batch.h). */
#include "batch.h"
#include "internal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/date.h"
#include "common/file.h"
#include "common/hash.h"
#include "common/log.h"
#include "common/mem.h"
#include "import/import.h"
#include "render/render.h"
#include "transform/transform.h"

void rp_batch_options_init(struct rp_batch_options *o)
{
    memset(o, 0, sizeof(*o));
    o->input = "input";
    o->output = "output";
    o->templates = "templates";
    rp_merge_options_init(&o->merge);
    o->merge.config_dir = "config";
    o->created = o->merge.generated;
}

char *rp_batch_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = rp_xmalloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* The exports to import: *.csv in dir, sorted, rejects files excluded. */
static enum rp_status list_exports(const char *dir, char ***out, size_t *n,
                                   struct rp_error *err)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t cap = 0;

    *n = 0;
    if (!d)
        return rp_error_set(err, RP_ERR_INPUT, dir, 0, NULL,
                            "cannot open the input directory");
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || !ends_with(e->d_name, ".csv") ||
            rp_import_is_rejects_file(e->d_name))
            continue;
        rp_array_grow((void **)&names, &cap, *n + 1, sizeof(*names));
        names[(*n)++] = rp_batch_path(dir, e->d_name);
    }
    closedir(d);
    if (*n)
        qsort(names, *n, sizeof(*names), compare_names);
    *out = names;
    if (*n == 0)
        return rp_error_set(err, RP_ERR_INPUT, dir, 0, NULL,
                            "no CSV exports (*.csv) in the input directory");
    return RP_OK;
}

void rp_batch_report(const struct rp_batch_options *o,
                     const struct rp_error *err)
{
    if (o->on_error)
        o->on_error(o->on_error_ctx, err);
}

void rp_batch_failed_files_release(struct rp_batch_failed_files *f)
{
    size_t i;

    for (i = 0; i < f->n_files; i++)
        free(f->files[i].path);
    free(f->files);
    memset(f, 0, sizeof(*f));
}

enum rp_status rp_batch_import_all(const struct rp_batch_options *o,
                                   const char *rejects_dir,
                                   struct rp_dataset *data, size_t *rejected,
                                   struct rp_batch_failed_files *failed,
                                   struct rp_error *err)
{
    char **exports = NULL;
    size_t n_exports = 0, i, cap = 0;
    enum rp_status status;

    *rejected = 0;
    if (failed)
        memset(failed, 0, sizeof(*failed));
    status = list_exports(o->input, &exports, &n_exports, err);
    for (i = 0; i < n_exports && status == RP_OK; i++) {
        struct rp_import_stats s;
        struct rp_error file_err;

        rp_error_init(&file_err);
        memset(&s, 0, sizeof(s));
        status = rp_import_file(exports[i], rejects_dir, data, &s,
                                failed ? &file_err : err);
        if (failed) {
            struct rp_batch_file_report *f;
            rp_array_grow((void **)&failed->files, &cap, failed->n_files + 1,
                          sizeof(*failed->files));
            f = &failed->files[failed->n_files++];
            memset(f, 0, sizeof(*f));
            f->path = rp_xstrdup(exports[i]);
            f->failed = status != RP_OK;
            f->stats = s;
            if (f->failed)
                rp_error_format(&file_err, f->why, sizeof(f->why));
        }
        if (status != RP_OK && failed) {
            /* The file was rolled back whole; the others go on. */
            rp_batch_report(o, &file_err);
            if (failed->count++ == 0)
                rp_error_format(&file_err, failed->first,
                                sizeof(failed->first));
            status = RP_OK;
            continue;
        }
        if (status != RP_OK)
            break;
        rp_import_log_stats(exports[i], &s);
        *rejected += s.rows_rejected;
    }
    if (status == RP_OK && failed && failed->count == n_exports)
        status =
            rp_error_set(err, RP_ERR_INPUT, o->input, 0, NULL,
                         "none of the %zu exports could be read", n_exports);
    free_names(exports, n_exports);
    return status;
}

/*
 * The merge options of a run: o->merge with the schema and contributions
 * defaults filled in.  *schema and *contributions hold what was allocated
 * for them (freed by the caller).
 */
void rp_batch_merge_options(const struct rp_batch_options *o,
                            struct rp_merge_options *m, char **schema,
                            char **contributions)
{
    *m = o->merge;
    *schema = NULL;
    *contributions = NULL;
    /* The schema ships with the templates; contributions live beside the
     * exports they belong to. */
    if (!m->schema_path)
        m->schema_path = *schema =
            rp_batch_path(o->templates, "schema/review-data.rng");
    if (!m->contributions_dir)
        m->contributions_dir = *contributions =
            rp_batch_path(o->input, "contributions");
}

/* ---- an account's snapshot ---- */

/* doc as UTF-8, indented: a copy in malloc()ed memory, NUL-terminated. */
static enum rp_status serialise(xmlDoc *doc, char **out, size_t *len,
                                struct rp_error *err)
{
    xmlChar *mem = NULL;
    int size = 0;

    *out = NULL;
    *len = 0;
    xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
    if (!mem || size < 0) {
        xmlFree(mem);
        return rp_error_set(err, RP_ERR_INTERNAL, NULL, 0, NULL,
                            "cannot serialise the snapshot");
    }
    *out = rp_xmalloc((size_t)size + 1);
    memcpy(*out, mem, (size_t)size);
    (*out)[size] = '\0';
    *len = (size_t)size;
    xmlFree(mem);
    return RP_OK;
}

static bool named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}

/* Unlinks and frees every child of parent that keep() rejects. */
static void prune(xmlNode *parent,
                  bool (*keep)(const xmlNode *n, const char *account_id),
                  const char *account_id)
{
    xmlNode *n, *next;

    for (n = parent ? parent->children : NULL; n; n = next) {
        next = n->next;
        if (n->type == XML_ELEMENT_NODE && !keep(n, account_id)) {
            xmlUnlinkNode(n);
            xmlFreeNode(n);
        }
    }
}

/* What decides one account's review: not the portfolio's matching and
 * sources, nor the program's figures beside the account's projects. */
static bool keep_in_root(const xmlNode *n, const char *account_id)
{
    (void)account_id;
    return !named(n, "matching") && !named(n, "sources");
}

static bool keep_in_program(const xmlNode *n, const char *account_id)
{
    (void)account_id;
    return named(n, "projects");
}

static bool keep_project(const xmlNode *n, const char *account_id)
{
    xmlChar *owner = xmlGetProp(n, BAD_CAST "account-id");
    bool keep = owner && xmlStrEqual(owner, BAD_CAST account_id);
    xmlFree(owner);
    return keep;
}

static xmlNode *child_named(xmlNode *parent, const char *name)
{
    xmlNode *n;

    for (n = parent ? parent->children : NULL; n; n = n->next) {
        if (named(n, name))
            return n;
    }
    return NULL;
}

/*
 * The data hash (docs/data-contract.md, "An account's snapshot"): the
 * slice without what does not decide the account's review, serialised.
 * Consumes the slice's content (the caller has serialised it already).
 */
/* Removes src="fN:LINE" from n and everything under it. */
static void drop_src(xmlNode *n)
{
    for (; n; n = n->next) {
        xmlAttr *src;

        if (n->type != XML_ELEMENT_NODE)
            continue;
        if ((src = xmlHasProp(n, BAD_CAST "src")))
            xmlRemoveProp(src);
        drop_src(n->children);
    }
}

void rp_batch_reduce(xmlDoc *slice, const char *account_id)
{
    xmlNode *root = xmlDocGetRootElement(slice), *program;

    /* Where a record stands in its export is not what it says: a row
     * added above it, or an export sorted newest first, moves every line
     * below and must not make every review (or bounce every draft in
     * review) again. */
    drop_src(root->children);
    prune(root, keep_in_root, account_id);
    program = child_named(root, "program");
    /* The program's attributes are the portfolio's counts (and health,
     * which moves with the date): not this account's review. */
    while (program && program->properties)
        xmlRemoveProp(program->properties);
    prune(program, keep_in_program, account_id);
    prune(child_named(program, "projects"), keep_project, account_id);
}

/* The root's generated="..." in serialised review data: [*at, *end). */
static bool find_generated(const char *bytes, size_t len, size_t *at,
                           size_t *end)
{
    static const char attr[] = " generated=\"";
    const char *root = strstr(bytes, "<review-data"), *tag_end, *a, *q;

    if (!root || (size_t)(root - bytes) >= len)
        return false;
    tag_end = strchr(root, '>');
    a = strstr(root, attr);
    if (!a || !tag_end || a > tag_end)
        return false;
    q = strchr(a + sizeof(attr) - 1, '"');
    if (!q || q > tag_end)
        return false;
    *at = (size_t)(a - bytes);
    *end = (size_t)(q + 1 - bytes);
    return true;
}

enum rp_status rp_batch_reduced_hash(xmlDoc *reduced,
                                     char hash[RP_SHA256_HEX_SIZE],
                                     struct rp_error *err)
{
    enum rp_status status;
    char *bytes = NULL;
    size_t len = 0, at, end;

    /* Serialised without generated=: cut from the text, which gives the
     * bytes the document without the attribute would. */
    status = serialise(reduced, &bytes, &len, err);
    if (status == RP_OK && find_generated(bytes, len, &at, &end)) {
        memmove(bytes + at, bytes + end, len - end + 1);
        len -= end - at;
    }
    if (status == RP_OK)
        rp_sha256_hex(bytes, len, hash);
    free(bytes);
    return status;
}

enum rp_status rp_batch_data_hash(xmlDoc *slice, const char *account_id,
                                  char hash[RP_SHA256_HEX_SIZE],
                                  struct rp_error *err)
{
    rp_batch_reduce(slice, account_id);
    return rp_batch_reduced_hash(slice, hash, err);
}

enum rp_status rp_batch_snapshot_of(const struct rp_batch_options *o,
                                    const struct rp_dataset *data,
                                    const char *account_id, char **xml,
                                    size_t *len,
                                    char data_hash[RP_SHA256_HEX_SIZE],
                                    struct rp_error *err)
{
    struct rp_merge_options mopt;
    struct rp_merge_stats mstats;
    struct rp_merged *merged = NULL;
    xmlDoc *slice = NULL;
    char *schema = NULL, *contributions = NULL;
    enum rp_status status;
    size_t i, n;

    *xml = NULL;
    *len = 0;
    data_hash[0] = '\0';
    rp_batch_merge_options(o, &mopt, &schema, &contributions);
    /* What a run makes the account's review from, made the same way. */
    status = rp_merge_prepare(data, &mopt, &merged, &mstats, err);
    if (status != RP_OK)
        goto out;
    n = rp_merge_account_count(merged);
    for (i = 0; i < n; i++) {
        if (strcmp(rp_merge_account_at(merged, i)->id, account_id) == 0)
            break;
    }
    if (i == n) {
        status =
            rp_error_set(err, RP_ERR_INPUT, NULL, 0, "account",
                         "the review data holds no account '%s'", account_id);
        goto out;
    }
    status = rp_merge_account_doc(merged, i, &slice, err);
    if (status != RP_OK)
        goto out;
    status = serialise(slice, xml, len, err);
    if (status != RP_OK)
        goto out;
    status = rp_batch_data_hash(slice, account_id, data_hash, err);
    if (status != RP_OK) {
        free(*xml);
        *xml = NULL;
        *len = 0;
    }
out:
    if (slice)
        xmlFreeDoc(slice);
    rp_merge_free(merged);
    free(schema);
    free(contributions);
    return status;
}

enum rp_status rp_batch_snapshot(const struct rp_batch_options *o,
                                 const char *account_id, char **xml,
                                 size_t *len,
                                 char data_hash[RP_SHA256_HEX_SIZE],
                                 struct rp_error *err)
{
    struct rp_dataset data;
    char *rejects_dir = rp_batch_path(o->output, "rejects");
    enum rp_status status;
    size_t rejected;

    *xml = NULL;
    *len = 0;
    data_hash[0] = '\0';
    rp_dataset_init(&data);
    /* A snapshot is what an approval binds to: made from every export or
     * not at all. */
    status = rp_batch_import_all(o, rejects_dir, &data, &rejected, NULL, err);
    if (status == RP_OK)
        status = rp_batch_snapshot_of(o, &data, account_id, xml, len, data_hash,
                                      err);
    rp_dataset_release(&data);
    free(rejects_dir);
    return status;
}

/* ---- reviews from snapshots ---- */

static bool is_fingerprint(const char *s)
{
    size_t n = strspn(s, "0123456789abcdef");
    return s[n] == '\0' && n >= 4 && n <= 64;
}

/* The mark reaches the template as parameters; check it first, so a
 * caller's slip is named here rather than printed on paper. */
static enum rp_status check_mark(const struct rp_review_mark *mark,
                                 struct rp_error *err)
{
    int64_t approved;

    if (!mark || !mark->approver_name)
        return RP_OK;
    if (!mark->approver_name[0] || strlen(mark->approver_name) > 200)
        return rp_error_set(err, RP_ERR_INPUT, NULL, 0, "approver",
                            "the approver's name must hold 1 to 200 bytes");
    if (!mark->approved_on || !rp_date_parse_day(mark->approved_on, &approved))
        return rp_error_set(err, RP_ERR_INPUT, NULL, 0, "approved-on",
                            "the approval date '%s' is not YYYY-MM-DD",
                            mark->approved_on ? mark->approved_on : "");
    if (!mark->fingerprint || !is_fingerprint(mark->fingerprint))
        return rp_error_set(err, RP_ERR_INPUT, NULL, 0, "fingerprint",
                            "the fingerprint '%s' is not 4 to 64 lower-case "
                            "hex digits",
                            mark->fingerprint ? mark->fingerprint : "");
    return RP_OK;
}

/* The id of the first <account> under the root, or NULL. */
static const xmlChar *first_account_id(xmlDoc *doc, xmlChar **owned)
{
    xmlNode *root = xmlDocGetRootElement(doc), *n;

    *owned = NULL;
    if (!root || !xmlStrEqual(root->name, BAD_CAST "review-data"))
        return NULL;
    for (n = root->children; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE &&
            xmlStrEqual(n->name, BAD_CAST "account"))
            return *owned = xmlGetProp(n, BAD_CAST "id");
    }
    return NULL;
}

enum rp_status rp_batch_render_review(const struct rp_batch_options *o,
                                      const char *xml, size_t len,
                                      const struct rp_review_mark *mark,
                                      const char *pdf_path, int *pages,
                                      struct rp_error *err)
{
    struct rp_stylesheet *sheet = NULL;
    struct rp_render_options ropt = {0};
    struct rp_render_result result = {0};
    struct rp_transform_limits limits;
    const char *params[13];
    char logo[300];
    enum rp_status status;
    xmlDoc *doc = NULL, *fo = NULL;
    xmlChar *id = NULL;
    char *path = NULL;
    size_t n = 0;

    if (pages)
        *pages = 0;
    status = check_mark(mark, err);
    if (status == RP_OK)
        status = rp_batch_check_lang(o, err);
    if (status == RP_OK)
        status = rp_transform_limits_load(&limits, o->merge.config_dir, err);
    if (status != RP_OK)
        goto out;
    status = rp_xml_read_memory(xml, len, "snapshot", &doc, err);
    if (status != RP_OK)
        goto out;
    if (!first_account_id(doc, &id)) {
        status = rp_error_set(err, RP_ERR_INPUT, "snapshot", 0, "account",
                              "the snapshot holds no <account> under "
                              "<review-data>");
        goto out;
    }
    params[n++] = "account-id";
    params[n++] = (const char *)id;
    if (rp_batch_logo(o, (const char *)id, logo, sizeof(logo))) {
        params[n++] = "logo";
        params[n++] = logo;
    }
    if (o->lang) {
        params[n++] = "lang";
        params[n++] = o->lang;
    }
    if (mark && mark->approver_name) {
        params[n++] = "approved-by";
        params[n++] = mark->approver_name;
        params[n++] = "approved-on";
        params[n++] = mark->approved_on;
        params[n++] = "fingerprint";
        params[n++] = mark->fingerprint;
    }
    params[n] = NULL;
    path = rp_batch_path(o->templates, "annual-review.xsl");
    status = rp_transform_load(path, &sheet, err);
    if (status != RP_OK)
        goto out;
    status = rp_transform_apply(sheet, doc, params, &limits, &fo, err);
    if (status != RP_OK)
        goto out;
    ropt.created = mark ? mark->date : o->created;
    /* Images: beside the templates (brand assets), then in the input
     * folder (input/logos/...). */
    ropt.base_dir = o->templates;
    ropt.assets_dir = o->input;
    status = rp_render_fo_to_pdf(fo, "snapshot review", pdf_path, &ropt,
                                 &result, err);
    if (status == RP_OK && pages)
        *pages = result.pages;
out:
    if (fo)
        xmlFreeDoc(fo);
    if (doc)
        xmlFreeDoc(doc);
    xmlFree(id);
    rp_transform_free(sheet);
    free(path);
    return status;
}

enum rp_status rp_batch_template_version(const struct rp_batch_options *o,
                                         char out[RP_SHA256_HEX_SIZE],
                                         struct rp_error *err)
{
    /* Every file a review may read is under the templates folder: the
     * stylesheets, brand.xsl and its assets, the labels, the charts. */
    return rp_batch_manifest_hash(o->templates, out, err);
}
