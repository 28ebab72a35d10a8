/*
 * The source profiles in use: the canonical ones (built from records.c),
 * the shipped files of the profiles directory, and any the user adds with
 * --profile, loaded on first use and kept until released.  The zone given
 * on the command line (rp_import_set_zone) is handed here to every profile
 * that names none of its own.
 */
#include "import/internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/mem.h"

#define DEFAULT_DIR "pipeline/import/profiles"
#define MAX_PROFILES 256

/* ---- the profiles in use ------------------------------------------------- */

static struct {
    bool loaded;
    char *dir;      /* set by rp_import_set_profile_dir(), or NULL */
    char *dir_used; /* where shipped profiles were looked for */
    struct rp_import_profile **user;
    size_t n_user, cap_user;
    struct rp_import_profile **all; /* user (borrowed), canonical, shipped */
    size_t n_all, cap_all, all_user;
    /* rp_import_set_zone(): for profiles that name no zone (UTC if unset;
     * all-zero is UTC). */
    struct rp_import_zone zone;
} registry;

static void registry_add(struct rp_import_profile *p)
{
    rp_array_grow((void **)&registry.all, &registry.cap_all, registry.n_all + 1,
                  sizeof(*registry.all));
    registry.all[registry.n_all++] = p;
}

/* Drops the canonical and shipped profiles; user ones stay. */
static void unload(void)
{
    size_t i;

    for (i = registry.all_user; i < registry.n_all; i++)
        rp_import_profile_free(registry.all[i]);
    free(registry.all);
    free(registry.dir_used);
    registry.all = NULL;
    registry.dir_used = NULL;
    registry.n_all = registry.cap_all = registry.all_user = 0;
    registry.loaded = false;
}

void rp_import_set_profile_dir(const char *dir)
{
    unload();
    free(registry.dir);
    registry.dir = dir ? rp_xstrdup(dir) : NULL;
}

enum rp_status rp_import_set_zone(const char *zone, struct rp_error *err)
{
    struct rp_import_zone z;

    rp_import_zone_init(&z);
    if (!rp_import_zone_parse(zone, strlen(zone), &z))
        return rp_error_set(err, RP_ERR_USAGE, NULL, 0, NULL,
                            "'%s' is not a zone: UTC, +hh:mm / -hh:mm, or a "
                            "name of the tz database such as Europe/Berlin",
                            zone);
    rp_import_zone_release(&registry.zone);
    registry.zone = z;
    /* Loaded profiles are rebuilt so that they take it. */
    unload();
    return RP_OK;
}

void rp_import_release_profiles(void)
{
    size_t i;

    unload();
    for (i = 0; i < registry.n_user; i++)
        rp_import_profile_free(registry.user[i]);
    free(registry.user);
    free(registry.dir);
    rp_import_zone_release(&registry.zone);
    registry.user = NULL;
    registry.dir = NULL;
    registry.n_user = registry.cap_user = 0;
}

static enum rp_status read_small_file(const char *path, char **text,
                                      size_t *len, struct rp_error *err)
{
    FILE *fp = fopen(path, "rb");
    size_t n;

    *text = NULL;
    if (!fp)
        return rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                            "cannot open the profile: %s", strerror(errno));
    *text = rp_xmalloc(RP_PROFILE_MAX_SIZE + 1);
    n = fread(*text, 1, RP_PROFILE_MAX_SIZE + 1, fp);
    fclose(fp);
    *len = n;
    if (n > RP_PROFILE_MAX_SIZE) {
        free(*text);
        *text = NULL;
        return rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                            "a profile is at most %zu bytes",
                            RP_PROFILE_MAX_SIZE);
    }
    return RP_OK;
}

static enum rp_status load_file(const char *path,
                                struct rp_import_profile **out,
                                struct rp_error *err)
{
    char *text;
    size_t len = 0;
    enum rp_status status = read_small_file(path, &text, &len, err);

    if (status == RP_OK)
        status = rp_import_profile_parse(path, text, len, out, err);
    free(text);
    return status;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * The shipped profiles' directory: configured, from the environment, in
 * the source tree the running binary was built in (build/<mode>/), or
 * under the current directory.  Caller frees.
 */
static char *profile_dir(void)
{
    const char *env = getenv("REPORTPIPE_PROFILES");
    char exe[4096];
    ssize_t n;

    if (registry.dir)
        return rp_xstrdup(registry.dir);
    if (env && *env)
        return rp_xstrdup(env);
    n = readlink("/proc/self/exe", exe, sizeof(exe) - 64);
    if (n > 0) {
        char *slash;
        exe[n] = '\0';
        slash = strrchr(exe, '/');
        if (slash) {
            snprintf(slash, sizeof(exe) - (size_t)(slash - exe), "/../../%s",
                     DEFAULT_DIR);
            if (is_dir(exe))
                return rp_xstrdup(exe);
        }
    }
    return rp_xstrdup(DEFAULT_DIR);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && strcmp(s + n - m, suffix) == 0;
}

static enum rp_status load_dir(const char *dir, struct rp_error *err)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    enum rp_status status = RP_OK;

    if (!d)
        return RP_OK; /* no shipped profiles: canonical files still import */
    while ((e = readdir(d)) && n < MAX_PROFILES) {
        if (e->d_name[0] == '.' || !has_suffix(e->d_name, ".profile"))
            continue;
        rp_array_grow((void **)&names, &cap, n + 1, sizeof(*names));
        names[n] = rp_xmalloc(strlen(dir) + strlen(e->d_name) + 2);
        sprintf(names[n++], "%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof(*names), compare_names);
    for (i = 0; i < n && status == RP_OK; i++) {
        struct rp_import_profile *p;
        status = load_file(names[i], &p, err);
        if (status == RP_OK)
            registry_add(p);
    }
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return status;
}

static enum rp_status registry_load(struct rp_error *err)
{
    enum rp_status status;
    size_t k;

    if (registry.loaded)
        return RP_OK;
    for (k = 0; k < registry.n_user; k++)
        registry_add(registry.user[k]);
    registry.all_user = registry.n_user;
    for (k = 0; k < RP_IMPORT_KIND_COUNT; k++)
        registry_add(rp_import_canonical_new((enum rp_import_kind)k));
    registry.dir_used = profile_dir();
    status = load_dir(registry.dir_used, err);
    if (status != RP_OK) {
        unload();
        return status;
    }
    for (k = 0; k < registry.n_all; k++) {
        if (!registry.all[k]->zone_set)
            rp_import_zone_copy(&registry.all[k]->zone, &registry.zone);
    }
    registry.loaded = true;
    return RP_OK;
}

enum rp_status rp_import_add_profile(const char *path, struct rp_error *err)
{
    struct rp_import_profile *p;
    enum rp_status status = load_file(path, &p, err);

    if (status != RP_OK)
        return status;
    p->user = true;
    /* Loaded profiles are rebuilt so that user ones come first. */
    unload();
    rp_array_grow((void **)&registry.user, &registry.cap_user,
                  registry.n_user + 1, sizeof(*registry.user));
    registry.user[registry.n_user++] = p;
    return RP_OK;
}

enum rp_status rp_import_profiles(const struct rp_import_profile *const **list,
                                  size_t *n, struct rp_error *err)
{
    enum rp_status status = registry_load(err);

    *list = (const struct rp_import_profile *const *)registry.all;
    *n = registry.n_all;
    return status;
}

const char *rp_import_profiles_dir(void)
{
    return registry.dir_used ? registry.dir_used : "?";
}
