/* Output files written to a temporary and renamed into place. */
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mem.h"

int rp_safe_file_name(const char *name)
{
    const char *s;

    if (!*name || name[0] == '.' || strlen(name) > 200)
        return 0;
    for (s = name; *s; s++) {
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
              (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.'))
            return 0;
    }
    return 1;
}

enum rp_status rp_mkdirs(const char *dir, struct rp_error *err)
{
    char *path = rp_xstrdup(dir);
    enum rp_status status = RP_OK;
    char *p;

    for (p = path + 1;; p++) {
        char saved = *p;
        if (saved != '/' && saved != '\0')
            continue;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            status =
                rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                             "cannot create directory: %s", strerror(errno));
            goto out;
        }
        *p = saved;
        if (saved == '\0')
            break;
    }
out:
    free(path);
    return status;
}

enum rp_status rp_mkdirs_for(const char *path, struct rp_error *err)
{
    const char *slash = strrchr(path, '/');
    enum rp_status status = RP_OK;
    char *dir;

    if (!slash || slash == path)
        return RP_OK;
    dir = rp_xstrndup(path, (size_t)(slash - path));
    status = rp_mkdirs(dir, err);
    free(dir);
    return status;
}

enum rp_status rp_outfile_open(struct rp_outfile *out, const char *path,
                               struct rp_error *err)
{
    enum rp_status status = RP_OK;
    size_t len = strlen(path) + 16;
    struct stat st;
    int fd;

    memset(out, 0, sizeof(*out));
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                            "the output is a directory: give a file name");
    /*
     * A device or pipe (/dev/stdout, a FIFO) cannot be replaced by a
     * rename, and must not be: write to it directly.
     */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
        out->path = rp_xstrdup(path);
        out->fp = fopen(path, "wb");
        if (!out->fp) {
            status =
                rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                             "cannot open for writing: %s", strerror(errno));
            rp_outfile_abort(out);
        }
        return status;
    }
    status = rp_mkdirs_for(path, err);
    if (status != RP_OK)
        return status;
    out->path = rp_xstrdup(path);
    out->tmp_path = rp_xmalloc(len);
    snprintf(out->tmp_path, len, "%s.tmp.XXXXXX", path);
    fd = mkstemp(out->tmp_path);
    if (fd < 0) {
        status = rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                              "cannot create output file: %s", strerror(errno));
        goto out;
    }
    /* mkstemp creates 0600; outputs are ordinary documents. */
    fchmod(fd, 0644);
    out->fp = fdopen(fd, "wb");
    if (!out->fp) {
        close(fd);
        status = rp_error_set(err, RP_ERR_INTERNAL, path, 0, NULL,
                              "cannot open output stream: %s", strerror(errno));
        goto out;
    }
out:
    if (status != RP_OK)
        rp_outfile_abort(out);
    return status;
}

enum rp_status rp_outfile_commit(struct rp_outfile *out, struct rp_error *err)
{
    enum rp_status status = RP_OK;
    int failed = ferror(out->fp);

    /* On disk before the rename: after a crash the name holds either the
     * old file or the whole new one, never a renamed empty file. */
    if (!failed && out->tmp_path &&
        (fflush(out->fp) != 0 || fsync(fileno(out->fp)) != 0))
        failed = 1;
    if (fclose(out->fp) != 0)
        failed = 1;
    out->fp = NULL;
    if (failed) {
        status = rp_error_set(err, RP_ERR_INTERNAL, out->path, 0, NULL,
                              "write failed: %s", strerror(errno));
        goto out;
    }
    if (out->tmp_path && rename(out->tmp_path, out->path) != 0) {
        status = rp_error_set(err, RP_ERR_INTERNAL, out->path, 0, NULL,
                              "cannot rename into place: %s", strerror(errno));
        goto out;
    }
    free(out->tmp_path);
    out->tmp_path = NULL;
out:
    rp_outfile_abort(out);
    return status;
}

void rp_outfile_abort(struct rp_outfile *out)
{
    if (out->fp)
        fclose(out->fp);
    if (out->tmp_path)
        unlink(out->tmp_path);
    free(out->tmp_path);
    free(out->path);
    memset(out, 0, sizeof(*out));
}

enum rp_status rp_file_write_all(const char *path, const void *data, size_t len,
                                 struct rp_error *err)
{
    struct rp_outfile out;
    enum rp_status status = rp_outfile_open(&out, path, err);

    if (status != RP_OK)
        return status;
    if (len && fwrite(data, 1, len, out.fp) != len) {
        status = rp_error_set(err, RP_ERR_INTERNAL, path, 0, NULL,
                              "write failed: %s", strerror(errno));
        rp_outfile_abort(&out);
        return status;
    }
    return rp_outfile_commit(&out, err);
}

enum rp_status rp_file_read_all(const char *path, size_t max, char **out,
                                size_t *len, struct rp_error *err)
{
    enum rp_status status = RP_OK;
    FILE *fp = fopen(path, "rb");
    char *data = NULL;
    size_t cap = 0, n = 0, got;

    *out = NULL;
    *len = 0;
    if (!fp) {
        status = rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                              "cannot open the file: %s", strerror(errno));
        goto out;
    }
    do {
        if (n == cap) {
            if (cap > max) {
                status = rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                                      "the file is larger than %zu bytes", max);
                goto out;
            }
            cap = cap ? cap * 2 : 1 << 16;
            data = rp_xrealloc(data, cap + 1);
        }
        got = fread(data + n, 1, cap - n, fp);
        n += got;
    } while (got > 0);
    if (ferror(fp)) {
        status = rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                              "cannot read the file");
        goto out;
    }
    if (n > max) {
        status = rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                              "the file is larger than %zu bytes", max);
        goto out;
    }
    data[n] = '\0';
    *out = data;
    *len = n;
    data = NULL;
out:
    free(data);
    if (fp)
        fclose(fp);
    return status;
}
