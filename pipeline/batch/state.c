/*
 * What a run keeps beside its outputs, under OUTPUT/.reportpipe/: the
 * lock that keeps two runs off one output folder, the key each document
 * was last made from (keys/<document>), and the key of the last complete
 * run (run).  Also the clean-up of temporary files a killed run left.
 *
 * A document's key is written after the document is renamed into place
 * and removed before it is replaced, so a key on disk always describes
 * the file beside it: a run killed between the two leaves no key, and the
 * document is made again.
 */
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/file.h"
#include "common/log.h"
#include "common/mem.h"

#define STATE_DIR ".reportpipe"

static char *state_path(const char *output, const char *name)
{
    size_t n = strlen(output) + strlen(STATE_DIR) + strlen(name) + 3;
    char *p = rp_xmalloc(n);

    snprintf(p, n, "%s/%s/%s", output, STATE_DIR, name);
    return p;
}

/* ---- the lock ---- */

enum rp_status rp_batch_lock_take(const char *output,
                                  struct rp_batch_lock *lock,
                                  struct rp_error *err)
{
    char *path = state_path(output, "lock"), held[128] = "";
    enum rp_status status = RP_OK;
    ssize_t n;
    int fd = -1;

    lock->fd = -1;
    status = rp_mkdirs_for(path, err);
    if (status != RP_OK)
        goto out;
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        status =
            rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                         "cannot open the run's lock: %s", strerror(errno));
        goto out;
    }
    n = pread(fd, held, sizeof(held) - 1, 0);
    held[n > 0 ? n : 0] = '\0';
    held[strcspn(held, "\n")] = '\0';
    /* flock(), not a pid file alone: the kernel lets go of it when its
     * process dies, however it dies, so a lock is stale exactly when we
     * can take it while it still names someone. */
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        status = rp_error_set(err, RP_ERR_BUSY, output, 0, NULL,
                              "another run is writing this output folder "
                              "(%s); try again when it has finished",
                              held[0] ? held : "lock held");
        goto out;
    }
    if (held[0])
        rp_log_warn("a previous run (%s) ended without finishing, killed or "
                    "crashed; this run takes over its output folder",
                    held);
    {
        char mine[128];
        int len = snprintf(mine, sizeof(mine), "pid %ld since %lld\n",
                           (long)getpid(), (long long)time(NULL));
        if (ftruncate(fd, 0) != 0 || pwrite(fd, mine, (size_t)len, 0) != len) {
            status = rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                                  "cannot write the run's lock: %s",
                                  strerror(errno));
            goto out;
        }
    }
    lock->fd = fd;
    fd = -1;
out:
    if (fd >= 0)
        close(fd);
    free(path);
    return status;
}

void rp_batch_lock_release(struct rp_batch_lock *lock)
{
    if (lock->fd < 0)
        return;
    /* Emptied, not removed: removing would let a third run lock a new
     * file while a second still waits on the old one. */
    if (ftruncate(lock->fd, 0) != 0)
        rp_log_debug("cannot empty the run's lock: %s", strerror(errno));
    close(lock->fd);
    lock->fd = -1;
}

/* ---- temporaries a killed run left ---- */

/* NAME.tmp.XXXXXX, as rp_outfile_open() makes them. */
static bool is_temporary(const char *name)
{
    const char *t = strstr(name, ".tmp.");
    size_t i;

    while (t && strstr(t + 1, ".tmp."))
        t = strstr(t + 1, ".tmp.");
    if (!t || t == name || strlen(t + 5) != 6)
        return false;
    for (i = 5; t[i]; i++) {
        char c = t[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9')))
            return false;
    }
    return true;
}

static size_t remove_temporaries_in(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t removed = 0;

    if (!d)
        return 0;
    while ((e = readdir(d))) {
        char *path;
        struct stat st;

        if (!is_temporary(e->d_name))
            continue;
        path = rp_batch_path(dir, e->d_name);
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && unlink(path) == 0)
            removed++;
        free(path);
    }
    closedir(d);
    return removed;
}

size_t rp_batch_remove_temporaries(const char *output)
{
    /* Only the folders a run writes: the workflow and people write
     * elsewhere, and their files in flight are not ours to remove. */
    static const char *const dirs[] = {"",
                                       "reviews",
                                       "rejects",
                                       "intermediate",
                                       STATE_DIR,
                                       STATE_DIR "/keys",
                                       STATE_DIR "/keys/reviews"};
    size_t removed = 0, i;

    for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
        char *dir =
            dirs[i][0] ? rp_batch_path(output, dirs[i]) : rp_xstrdup(output);
        removed += remove_temporaries_in(dir);
        free(dir);
    }
    return removed;
}

/* ---- keys ---- */

static char *key_path(const char *output, const char *document)
{
    size_t n = strlen("keys/") + strlen(document) + 1;
    char *name = rp_xmalloc(n), *path;

    snprintf(name, n, "keys/%s", document);
    path = state_path(output, name);
    free(name);
    return path;
}

/*
 * A key file: the key, and for a review also a line with the inputs
 * digest and the data hash it was made from (so a later run whose inputs
 * digest is the same knows the data hash without making the data).
 */
static void read_key(const char *path, char key[RP_SHA256_HEX_SIZE],
                     char inputs[RP_SHA256_HEX_SIZE],
                     char data_hash[RP_SHA256_HEX_SIZE])
{
    enum { HEX = RP_SHA256_HEX_SIZE - 1 };
    char line[3 * RP_SHA256_HEX_SIZE + 8];
    FILE *fp = fopen(path, "rb");
    size_t n = 0;

    key[0] = inputs[0] = data_hash[0] = '\0';
    if (!fp)
        return;
    n = fread(line, 1, sizeof(line) - 1, fp);
    fclose(fp);
    line[n] = '\0';
    if (n < HEX || (n > HEX && line[HEX] != '\n'))
        return;
    memcpy(key, line, HEX);
    key[HEX] = '\0';
    if (n == 3 * HEX + 3 && line[2 * HEX + 1] == ' ' &&
        line[3 * HEX + 2] == '\n') {
        memcpy(inputs, line + HEX + 1, HEX);
        inputs[HEX] = '\0';
        memcpy(data_hash, line + 2 * HEX + 2, HEX);
        data_hash[HEX] = '\0';
    }
}

void rp_batch_key_read(const char *output, const char *document,
                       char key[RP_SHA256_HEX_SIZE],
                       char inputs[RP_SHA256_HEX_SIZE],
                       char data_hash[RP_SHA256_HEX_SIZE])
{
    char *path = key_path(output, document);

    read_key(path, key, inputs, data_hash);
    free(path);
}

void rp_batch_key_forget(const char *output, const char *document)
{
    char *path = key_path(output, document);

    if (unlink(path) != 0 && errno != ENOENT)
        rp_log_debug("%s: %s", path, strerror(errno));
    free(path);
}

enum rp_status rp_batch_key_write(const char *output, const char *document,
                                  const char *key, const char *inputs,
                                  const char *data_hash, struct rp_error *err)
{
    char *path = key_path(output, document);
    size_t n = strlen(path) + 16;
    char *tmp = rp_xmalloc(n);
    enum rp_status status = rp_mkdirs_for(path, err);
    FILE *fp = NULL;

    /* Renamed into place but not fsynced: a key lost in a crash costs one
     * document made again, and the run syncs the folders at its end. */
    snprintf(tmp, n, "%s.tmp.%06ld", path, (long)getpid() % 1000000);
    if (status == RP_OK && !(fp = fopen(tmp, "wb")))
        status =
            rp_error_set(err, RP_ERR_INPUT, tmp, 0, NULL,
                         "cannot write a document's key: %s", strerror(errno));
    if (fp && (fprintf(fp, "%s\n", key) < 0) +
                  (inputs && fprintf(fp, "%s %s\n", inputs, data_hash) < 0) +
                  (fclose(fp) != 0))
        status =
            rp_error_set(err, RP_ERR_INPUT, tmp, 0, NULL,
                         "cannot write a document's key: %s", strerror(errno));
    if (status == RP_OK && rename(tmp, path) != 0)
        status = rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                              "cannot rename a document's key into place: %s",
                              strerror(errno));
    if (status != RP_OK)
        unlink(tmp);
    free(tmp);
    free(path);
    return status;
}

/* ---- accounts whose data passed the schema check ---- */

#define CHECKED_FILE "checked-accounts"

GHashTable *rp_batch_checked_read(const char *output)
{
    char *path = state_path(output, CHECKED_FILE);
    FILE *fp = fopen(path, "rb");
    GHashTable *keys = NULL;
    char line[RP_SHA256_HEX_SIZE + 2];

    free(path);
    if (!fp)
        return NULL;
    keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    while (fgets(line, sizeof(line), fp)) {
        size_t n = strcspn(line, "\n");
        /* Anything but a key is no key: that account is checked again. */
        if (n != RP_SHA256_HEX_SIZE - 1)
            continue;
        line[n] = '\0';
        g_hash_table_add(keys, g_strdup(line));
    }
    fclose(fp);
    return keys;
}

enum rp_status rp_batch_checked_write(const char *output, GHashTable *keys,
                                      struct rp_error *err)
{
    char *path = state_path(output, CHECKED_FILE);
    struct rp_outfile out;
    GHashTableIter it;
    gpointer key;
    enum rp_status status = rp_outfile_open(&out, path, err);

    if (status == RP_OK) {
        g_hash_table_iter_init(&it, keys);
        while (g_hash_table_iter_next(&it, &key, NULL))
            fprintf(out.fp, "%s\n", (const char *)key);
        status = rp_outfile_commit(&out, err);
    }
    free(path);
    return status;
}

size_t rp_batch_remove_stale_reviews(const char *output,
                                     bool (*keep)(void *ctx, const char *id),
                                     void *ctx)
{
    char *dir = state_path(output, "keys/reviews");
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t removed = 0;

    while (d && (e = readdir(d))) {
        size_t n = strlen(e->d_name);
        char id[256], name[300];
        char *pdf;

        /* reviews/ID.pdf, ID a safe file name (run.c makes no other). */
        if (n <= 4 || n - 4 >= sizeof(id) ||
            strcmp(e->d_name + n - 4, ".pdf") != 0)
            continue;
        memcpy(id, e->d_name, n - 4);
        id[n - 4] = '\0';
        if (!rp_safe_file_name(id) || keep(ctx, id))
            continue;
        snprintf(name, sizeof(name), "reviews/%s", e->d_name);
        pdf = rp_batch_path(output, name);
        if (unlink(pdf) == 0 || errno == ENOENT) {
            rp_batch_key_forget(output, name);
            rp_log_info("removed %s: account %s is no longer in the CRM "
                        "exports",
                        name, id);
            removed++;
        } else {
            rp_log_warn("%s: cannot remove the review of an account no "
                        "longer in the CRM exports: %s",
                        pdf, strerror(errno));
        }
        free(pdf);
    }
    if (d)
        closedir(d);
    free(dir);
    return removed;
}

/* ---- the last complete run ---- */

/*
 * OUTPUT/.reportpipe/run: the run key, then the documents it made, one
 * per line.  Nothing changed when the key is the same and every document
 * is still there.
 */
bool rp_batch_run_unchanged(const char *output, const char *run_key,
                            char ***documents, size_t *n)
{
    size_t cap = 0;
    char *path = state_path(output, "run"), *text = NULL, *line, *next;
    struct rp_error err;
    bool same = false;
    size_t len;

    *documents = NULL;
    *n = 0;
    rp_error_init(&err);
    if (rp_file_read_all(path, (size_t)64 << 20, &text, &len, &err) != RP_OK)
        goto out;
    next = strchr(text, '\n');
    if (!next || (size_t)(next - text) != strlen(run_key) ||
        memcmp(text, run_key, strlen(run_key)) != 0)
        goto out;
    same = true;
    for (line = next + 1; *line && same; line = next) {
        struct stat st;
        char *doc;

        next = line + strcspn(line, "\n");
        if (*next)
            *next++ = '\0';
        doc = rp_batch_path(output, line);
        same = stat(doc, &st) == 0 && S_ISREG(st.st_mode);
        free(doc);
        rp_array_grow((void **)documents, &cap, *n + 1, sizeof(**documents));
        (*documents)[(*n)++] = rp_xstrdup(line);
    }
out:
    free(text);
    free(path);
    return same;
}

void rp_batch_run_forget(const char *output)
{
    char *path = state_path(output, "run");

    if (unlink(path) != 0 && errno != ENOENT)
        rp_log_debug("%s: %s", path, strerror(errno));
    free(path);
}

enum rp_status rp_batch_run_record(const char *output, const char *run_key,
                                   const char *const *documents, size_t n,
                                   struct rp_error *err)
{
    char *path = state_path(output, "run");
    struct rp_outfile out;
    enum rp_status status;
    size_t i;

    status = rp_outfile_open(&out, path, err);
    if (status == RP_OK) {
        fprintf(out.fp, "%s\n", run_key);
        for (i = 0; i < n; i++)
            fprintf(out.fp, "%s\n", documents[i]);
        status = rp_outfile_commit(&out, err);
    }
    free(path);
    return status;
}

/* ---- hashing a folder ---- */

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Calls fn for every regular file under dir, by name, depth first, with
 * its path relative to the top; fn's failure stops the walk. */
typedef enum rp_status (*file_fn)(void *ctx, const char *rel, const char *path,
                                  struct rp_error *err);

static enum rp_status walk_tree(const char *dir, const char *rel, int depth,
                                file_fn fn, void *ctx, struct rp_error *err)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    enum rp_status status = RP_OK;

    if (!d)
        return RP_OK;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || is_temporary(e->d_name))
            continue;
        rp_array_grow((void **)&names, &cap, n + 1, sizeof(*names));
        names[n++] = rp_xstrdup(e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof(*names), compare_strings);
    for (i = 0; i < n && status == RP_OK; i++) {
        char *path = rp_batch_path(dir, names[i]);
        char *sub =
            rel[0] ? rp_batch_path(rel, names[i]) : rp_xstrdup(names[i]);
        struct stat st;

        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode) && depth < 8) {
            status = walk_tree(path, sub, depth + 1, fn, ctx, err);
        } else if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            status = fn(ctx, sub, path, err);
        }
        free(sub);
        free(path);
    }
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return status;
}

/* Its path and its bytes. */
static enum rp_status hash_file(void *ctx, const char *rel, const char *path,
                                struct rp_error *err)
{
    struct rp_sha256 *h = ctx;

    rp_sha256_add_str(h, rel);
    return rp_sha256_add_file(h, path, err);
}

enum rp_status rp_batch_hash_tree(struct rp_sha256 *h, const char *dir,
                                  struct rp_error *err)
{
    struct stat st;

    /* A missing folder hashes as such. */
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        rp_sha256_add_str(h, "(no folder)");
        return RP_OK;
    }
    return walk_tree(dir, "", 0, hash_file, h, err);
}

/* One line of the manifest: what sha256sum prints for the file. */
static enum rp_status manifest_line(void *ctx, const char *rel,
                                    const char *path, struct rp_error *err)
{
    GPtrArray *lines = ctx;
    char hex[RP_SHA256_HEX_SIZE];
    enum rp_status status = rp_sha256_file(path, hex, err);

    if (status == RP_OK)
        g_ptr_array_add(lines, g_strdup_printf("%s  %s\n", hex, rel));
    return status;
}

/* By path, as `LC_ALL=C sort` orders them ("brand.xsl" before
 * "brand/logo.svg"), not as the walk meets them. */
static int compare_lines(const void *a, const void *b)
{
    const char *x = strchr(*(char *const *)a, ' ') + 2;
    const char *y = strchr(*(char *const *)b, ' ') + 2;

    return strcmp(x, y);
}

enum rp_status rp_batch_manifest_hash(const char *dir,
                                      char out[RP_SHA256_HEX_SIZE],
                                      struct rp_error *err)
{
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
    GString *manifest = g_string_new(NULL);
    enum rp_status status = RP_OK;
    struct stat st;
    guint i;

    out[0] = '\0';
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        status = rp_error_set(err, RP_ERR_INPUT, dir, 0, NULL,
                              "cannot read the folder: %s",
                              errno ? strerror(errno) : "not a folder");
    if (status == RP_OK)
        status = walk_tree(dir, "", 0, manifest_line, lines, err);
    if (status == RP_OK) {
        g_ptr_array_sort(lines, compare_lines);
        for (i = 0; i < lines->len; i++)
            g_string_append(manifest, g_ptr_array_index(lines, i));
        rp_sha256_hex(manifest->str, manifest->len, out);
    }
    g_string_free(manifest, TRUE);
    g_ptr_array_free(lines, TRUE);
    return status;
}
