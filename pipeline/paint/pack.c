/*
 * The finished PDF written again with its small objects in compressed
 * object streams (PDF 1.5, §7.5.7) and a cross-reference stream.
 *
 * Why: Cairo 1.16 writes every structure element of a tagged PDF as an
 * uncompressed object of its own, about a hundred bytes each, and a
 * ticket log has six per row: a 15-page review went from 96 KB untagged
 * to 506 KB.  In an object stream they deflate to a few bytes each.
 * qpdf can do this too, but it parses every object and took several times
 * the rendering of a long table; here each object is copied as bytes:
 * the objects that hold no stream go into object streams, the rest
 * (content, images, fonts) are copied as they are.
 *
 * Only the PDF Cairo and tagged.c wrote is read: classic cross-reference
 * tables, chained by /Prev.  Anything else is left as it is (the caller
 * keeps the file unpacked), never guessed at.
 */
#include "paint_internal.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <glib.h>
#include <zlib.h>

#include "common/mem.h"
#include "pdf_file.h"

/* Objects per object stream: big enough to deflate well, small enough
 * that a reader decompresses little to reach one. */
#define PER_STREAM 200

const char *rp_pdf_find(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    const char *p = hay, *end = hay + n;

    while (p + k <= end) {
        p = memchr(p, needle[0], (size_t)(end - p));
        if (!p || p + k > end)
            return NULL;
        if (memcmp(p, needle, k) == 0)
            return p;
        p++;
    }
    return NULL;
}

static void add_bound(struct rp_pdf_file *pdf, size_t at)
{
    rp_array_grow((void **)&pdf->bounds, &pdf->cap_bounds, pdf->n_bounds + 1,
                  sizeof(*pdf->bounds));
    pdf->bounds[pdf->n_bounds++] = at;
}

/* "/Key N G R" in the trailer dictionary [t, e): copied into out. */
static void trailer_ref(const char *t, const char *e, const char *key,
                        char *out, size_t cap)
{
    const char *k = rp_pdf_find(t, (size_t)(e - t), key), *r;
    size_t n;

    if (!k || out[0])
        return;
    k += strlen(key);
    r = memchr(k, 'R', (size_t)(e - k));
    if (!r)
        return;
    n = (size_t)(r + 1 - k);
    if (n >= cap)
        return;
    memcpy(out, k, n);
    out[n] = '\0';
}

long long rp_pdf_number_after(const char *hay, size_t n, const char *key)
{
    const char *k = rp_pdf_find(hay, n, key);

    return k ? strtoll(k + strlen(key), NULL, 10) : -1;
}

static int by_offset(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    return (x > y) - (x < y);
}

/* Reads one xref table at off and its trailer; *prev is /Prev or -1. */
static bool read_section(struct rp_pdf_file *pdf, size_t off, long long *prev)
{
    const char *p = pdf->d + off, *end = pdf->d + pdf->len, *t, *te;

    if (off + 5 > pdf->len || memcmp(p, "xref", 4) != 0)
        return false;
    add_bound(pdf, off);
    p += 4;
    for (;;) {
        char *q;
        long start, count, i;

        while (p < end && (*p == '\r' || *p == '\n' || *p == ' '))
            p++;
        if (p >= end)
            return false;
        if (*p == 't')
            break;
        start = strtol(p, &q, 10);
        count = strtol(q, &q, 10);
        if (q == p || start < 0 || count < 0 || start + count > pdf->size)
            return false;
        p = q;
        while (p < end && (*p == '\r' || *p == '\n' || *p == ' '))
            p++;
        if ((size_t)(end - p) < (size_t)count * 20)
            return false;
        for (i = 0; i < count; i++, p += 20) {
            struct rp_pdf_obj *o = &pdf->objs[start + i];
            size_t at = (size_t)strtoull(p, NULL, 10);

            if (p[17] != 'n')
                continue;
            add_bound(pdf, at);
            if (!o->at) { /* the newest section is read first */
                o->at = at;
                o->gen = (int)strtol(p + 11, NULL, 10);
            }
        }
    }
    t = p;
    te = rp_pdf_find(t, (size_t)(end - t), "startxref");
    if (!te || memcmp(t, "trailer", 7) != 0)
        return false;
    trailer_ref(t, te, "/Root", pdf->trailer_root, sizeof(pdf->trailer_root));
    trailer_ref(t, te, "/Info", pdf->trailer_info, sizeof(pdf->trailer_info));
    if (rp_pdf_find(t, (size_t)(te - t), "/Encrypt"))
        return false;
    *prev = rp_pdf_number_after(t, (size_t)(te - t), "/Prev");
    return true;
}

/* The objects' extents and which can be packed. */
static bool read_pdf(struct rp_pdf_file *pdf)
{
    const char *sx = NULL, *p;
    long long off, size;
    size_t i;
    int n;

    /* The last startxref, within the file's tail. */
    for (p = pdf->d + (pdf->len > 1024 ? pdf->len - 1024 : 0);
         (p = rp_pdf_find(p, (size_t)(pdf->d + pdf->len - p), "startxref"));
         p++)
        sx = p;
    if (!sx)
        return false;
    off = strtoll(sx + 9, NULL, 10);
    if (off <= 0 || (size_t)off >= pdf->len)
        return false;
    {
        const char *t =
            rp_pdf_find(pdf->d + off, pdf->len - (size_t)off, "trailer");
        const char *te =
            t ? rp_pdf_find(t, pdf->len - (size_t)(t - pdf->d), "startxref")
              : NULL;
        size = te ? rp_pdf_number_after(t, (size_t)(te - t), "/Size") : -1;
    }
    if (size <= 1 || size > 10000000)
        return false;
    pdf->size = (int)size;
    pdf->objs = rp_xcalloc((size_t)size, sizeof(*pdf->objs));
    pdf->cap = (size_t)size;
    for (n = 0; off > 0 && n < 64; n++) {
        long long prev;

        if ((size_t)off >= pdf->len || !read_section(pdf, (size_t)off, &prev))
            return false;
        off = prev;
    }
    if (off > 0 || !pdf->trailer_root[0])
        return false;
    add_bound(pdf, pdf->len);
    qsort(pdf->bounds, pdf->n_bounds, sizeof(*pdf->bounds), by_offset);
    /* Each offset once: several entries may point at one place (below). */
    for (i = 1, n = 1; i < pdf->n_bounds; i++)
        if (pdf->bounds[i] != pdf->bounds[n - 1])
            pdf->bounds[n++] = pdf->bounds[i];
    pdf->n_bounds = pdf->n_bounds ? (size_t)n : 0;
    for (i = 1; i < (size_t)pdf->size; i++) {
        struct rp_pdf_obj *o = &pdf->objs[i];
        size_t *next, region;
        const char *e, *body;

        if (!o->at)
            continue;
        /* An entry that points at another object's bytes: Cairo 1.16
         * keeps numbers for structure it then does not write (links
         * without structure tags).  They are no objects. */
        if (strtol(pdf->d + o->at, NULL, 10) != (long)i) {
            o->at = 0;
            continue;
        }
        next = bsearch(&o->at, pdf->bounds, pdf->n_bounds, sizeof(size_t),
                       by_offset);
        if (!next || next + 1 >= pdf->bounds + pdf->n_bounds)
            return false;
        region = next[1] - o->at;
        /* The last "endobj" of the region ends the object. */
        for (e = pdf->d + o->at + region - 6; e > pdf->d + o->at; e--) {
            if (memcmp(e, "endobj", 6) == 0)
                break;
        }
        body = rp_pdf_find(pdf->d + o->at, region, "obj");
        if (e <= pdf->d + o->at || !body || body > e)
            return false;
        o->end = (size_t)(e + 6 - pdf->d);
        o->packed = o->gen == 0 &&
                    !rp_pdf_find(body, (size_t)(e - body), "stream") &&
                    (size_t)(e - body) < 65536;
    }
    /* Each page's content stream ("/Type /Page ... /Contents N 0 R"). */
    for (i = 1; i < (size_t)pdf->size; i++) {
        const struct rp_pdf_obj *o = &pdf->objs[i];
        const char *b = pdf->d + o->at, *c;
        size_t len = o->end - o->at;
        long num;

        if (!o->at || !o->packed || !rp_pdf_find(b, len, "/Type /Page") ||
            rp_pdf_find(b, len, "/Type /Pages") ||
            !(c = rp_pdf_find(b, len, "/Contents ")))
            continue;
        num = strtol(c + 10, NULL, 10);
        if (num > 0 && num < pdf->size && pdf->objs[num].at)
            pdf->objs[num].content = true;
    }
    return true;
}

/* The object's value: between "obj" and "endobj", spaces trimmed. */
void rp_pdf_body(const struct rp_pdf_file *pdf, const struct rp_pdf_obj *o,
                 const char **b, size_t *n)
{
    const char *s, *e;

    if (o->body) {
        *b = o->body->str;
        *n = o->body->len;
        return;
    }
    s = rp_pdf_find(pdf->d + o->at, o->end - o->at, "obj") + 3;
    e = pdf->d + o->end - 6;

    while (s < e && (*s == ' ' || *s == '\r' || *s == '\n'))
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\r' || e[-1] == '\n'))
        e--;
    *b = s;
    *n = (size_t)(e - s);
}

bool rp_pdf_exists(const struct rp_pdf_obj *o)
{
    return o->at || o->body || o->elem;
}

void rp_pdf_reserve(struct rp_pdf_file *pdf, size_t n)
{
    if ((size_t)pdf->size + n <= pdf->cap)
        return;
    pdf->cap = (size_t)pdf->size + n;
    pdf->objs = rp_xrealloc(pdf->objs, pdf->cap * sizeof(*pdf->objs));
}

int rp_pdf_add(struct rp_pdf_file *pdf, GString *body)
{
    struct rp_pdf_obj *o;

    rp_pdf_reserve(pdf, 1);
    o = &pdf->objs[pdf->size];
    memset(o, 0, sizeof(*o));
    o->body = body;
    o->packed = true;
    o->page = -1;
    return pdf->size++;
}

struct writer {
    FILE *fp;
    size_t at;
    bool ok;
    /* One zlib state each way for the whole file: setting one up costs
     * a quarter of a megabyte of fresh memory, and a file has dozens of
     * streams. */
    z_stream zd, zi;
    bool zd_ready, zi_ready;
};

/* a[0 .. an) then b[0 .. bn) deflated as one stream: an object
 * stream's offsets and its objects, never copied together (the parent
 * tree of a long table is megabytes). */
static bool deflate_two(struct writer *w, const void *a, size_t an,
                        const void *b, size_t bn, unsigned char **out,
                        size_t *out_n)
{
    z_stream *z = &w->zd;
    uLong cap;
    bool ok = false;

    if (!w->zd_ready) {
        memset(z, 0, sizeof(*z));
        if (deflateInit(z, Z_BEST_SPEED) != Z_OK)
            return false;
        w->zd_ready = true;
    } else if (deflateReset(z) != Z_OK) {
        return false;
    }
    /* one bound for both, plus what ending the first part may add */
    cap = deflateBound(z, (uLong)(an + bn)) + 64;
    *out = rp_xmalloc(cap);
    z->next_in = (unsigned char *)(uintptr_t)a;
    z->avail_in = (uInt)an;
    z->next_out = *out;
    z->avail_out = (uInt)cap;
    if (bn > 0 && (deflate(z, Z_NO_FLUSH) != Z_OK || z->avail_in != 0))
        goto out;
    if (bn > 0) {
        z->next_in = (unsigned char *)(uintptr_t)b;
        z->avail_in = (uInt)bn;
    }
    if (deflate(z, Z_FINISH) != Z_STREAM_END)
        goto out;
    *out_n = z->total_out;
    ok = true;
out:
    if (!ok) {
        free(*out);
        *out = NULL;
    }
    return ok;
}

static bool deflate_buf(struct writer *w, const void *in, size_t n,
                        unsigned char **out, size_t *out_n)
{
    return deflate_two(w, in, n, NULL, 0, out, out_n);
}

static void put(struct writer *w, const void *p, size_t n)
{
    if (w->ok && fwrite(p, 1, n, w->fp) != n)
        w->ok = false;
    w->at += n;
}

static void putf(struct writer *w, const char *fmt, ...) RP_PRINTF(2, 3);
static void putf(struct writer *w, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof(buf)) {
        w->ok = false;
        return;
    }
    put(w, buf, (size_t)n);
}

/* One object stream of the packed objects from[0 .. n). */
static bool write_stream(struct writer *w, struct rp_pdf_file *pdf, int num,
                         const int *from, int n)
{
    GString *head = g_string_new(NULL), *bodies = g_string_new(NULL);
    unsigned char *z = NULL;
    size_t zn = 0;
    int i;
    bool ok;

    for (i = 0; i < n; i++) {
        struct rp_pdf_obj *o = &pdf->objs[from[i]];
        const char *b;
        size_t len;

        g_string_append_printf(head, "%d %zu ", from[i], bodies->len);
        if (o->elem) {
            rp_pdf_tree_write(pdf, o->elem_index, bodies);
        } else {
            rp_pdf_body(pdf, o, &b, &len);
            g_string_append_len(bodies, b, (gssize)len);
        }
        g_string_append_c(bodies, '\n');
        o->stream_num = num;
        o->index = i;
    }
    g_string_append_c(head, '\n');
    ok =
        deflate_two(w, head->str, head->len, bodies->str, bodies->len, &z, &zn);
    if (ok) {
        putf(w,
             "%d 0 obj\n<< /Type /ObjStm /N %d /First %zu /Filter "
             "/FlateDecode /Length %zu >>\nstream\n",
             num, n, head->len, zn);
        put(w, z, zn);
        put(w, "\nendstream\nendobj\n", 18);
    }
    free(z);
    g_string_free(head, TRUE);
    g_string_free(bodies, TRUE);
    return ok;
}

static void be(unsigned char *p, uint64_t v, int bytes)
{
    int i;

    for (i = bytes - 1; i >= 0; i--, v >>= 8)
        p[i] = (unsigned char)(v & 0xff);
}

/* Inflates a FlateDecode stream; NULL if it is not one (or too big). */
static unsigned char *inflate_all(struct writer *w, const unsigned char *in,
                                  size_t n, size_t *out_n)
{
    z_stream *z = &w->zi;
    size_t cap = n * 4 + 1024;
    unsigned char *out;
    int r = Z_OK;

    if (!w->zi_ready) {
        memset(z, 0, sizeof(*z));
        if (inflateInit(z) != Z_OK)
            return NULL;
        w->zi_ready = true;
    } else if (inflateReset(z) != Z_OK) {
        return NULL;
    }
    out = rp_xmalloc(cap);
    z->next_in = (unsigned char *)(uintptr_t)in;
    z->avail_in = (uInt)n;
    while (r == Z_OK) {
        if (z->total_out == cap) {
            if (cap > ((size_t)1 << 28))
                break;
            cap *= 2;
            out = rp_xrealloc(out, cap);
        }
        z->next_out = out + z->total_out;
        z->avail_out = (uInt)(cap - z->total_out);
        r = inflate(z, Z_NO_FLUSH);
    }
    *out_n = z->total_out;
    if (r != Z_STREAM_END) {
        free(out);
        return NULL;
    }
    return out;
}

/* The integer value of /Length in dict [d, e): direct, or object N's. */
static long long stream_length(const struct rp_pdf_file *pdf, const char *d,
                               const char *e)
{
    const char *lp = rp_pdf_find(d, (size_t)(e - d), "/Length "), *after, *lb;
    long long n;

    if (!lp)
        return -1;
    n = strtoll(lp + 8, NULL, 10);
    after = lp + 8;
    while (after < e && *after >= '0' && *after <= '9')
        after++;
    if (e - after < 4 || memcmp(after, " 0 R", 4) != 0)
        return n;
    if (n <= 0 || n >= pdf->size || !pdf->objs[n].at)
        return -1;
    lb = rp_pdf_find(pdf->d + pdf->objs[n].at,
                     pdf->objs[n].end - pdf->objs[n].at, "obj");
    return lb ? strtoll(lb + 3, NULL, 10) : -1;
}

/*
 * A page's content stream written again with its artifacts marked
 * (artifact.c); false when it is not as Cairo writes it (a dictionary of
 * /Length and /Filter /FlateDecode only), and then it is to be copied.
 */
static bool write_content(struct writer *w, struct rp_pdf_file *pdf, int num,
                          struct rp_pdf_obj *o)
{
    const char *b = pdf->d + o->at, *e = pdf->d + o->end;
    const char *dict = rp_pdf_find(b, (size_t)(e - b), "<<");
    const char *st = rp_pdf_find(b, (size_t)(e - b), "stream");
    const char *data;
    unsigned char *raw = NULL, *z = NULL;
    char *marked = NULL;
    size_t raw_n = 0, marked_n = 0, zn = 0;
    long long length;
    bool ok = false;

    if (!dict || !st || st < dict ||
        !rp_pdf_find(dict, (size_t)(st - dict), "/Filter /FlateDecode") ||
        rp_pdf_find(dict, (size_t)(st - dict), "/DecodeParms"))
        return false;
    length = stream_length(pdf, dict, st);
    data = st + 6;
    if (data < e && *data == '\r')
        data++;
    if (data < e && *data == '\n')
        data++;
    if (length < 0 || length > e - data)
        return false;
    raw = inflate_all(w, (const unsigned char *)data, (size_t)length, &raw_n);
    if (raw && pdf->tree) {
        GString *g = g_string_sized_new(raw_n + raw_n / 4);
        if (rp_pdf_tree_content(pdf, o->page, (const char *)raw, raw_n, g)) {
            marked_n = g->len;
            marked = g_string_free(g, FALSE);
        } else {
            g_string_free(g, TRUE);
        }
    } else if (raw) {
        marked = rp_pdf_mark_artifacts((const char *)raw, raw_n, &marked_n);
    }
    if (marked && deflate_buf(w, marked, marked_n, &z, &zn)) {
        o->new_at = w->at;
        putf(w, "%d 0 obj\n<< /Length %zu /Filter /FlateDecode >>\nstream\n",
             num, zn);
        put(w, z, zn);
        put(w, "\nendstream\nendobj\n", 18);
        ok = true;
    }
    free(raw);
    g_free(marked);
    free(z);
    return ok;
}

/* Mapped bytes read since they were last let go of, at most. */
#define LET_GO_EVERY ((size_t)4 << 20)

/* The mapped input's pages out of memory (they stay in the file and
 * the page cache): the streams are copied once, and the objects read
 * after them are few. */
static void let_go(const struct rp_pdf_file *pdf)
{
    if (pdf->mapped)
        (void)madvise((void *)(uintptr_t)pdf->d, pdf->len, MADV_DONTNEED);
}

static bool write_pdf(struct writer *w, struct rp_pdf_file *pdf)
{
    int *packed = rp_xcalloc((size_t)pdf->size, sizeof(*packed));
    int n_packed = 0, n_streams, total, i;
    size_t *stream_at, xref_at, row = 7, copied = 0;
    unsigned char *table, *z = NULL;
    size_t zn = 0;
    bool ok = true;

    put(w, "%PDF-1.5\n%\xb5\xed\xae\xfb\n", 15);
    for (i = 1; i < pdf->size; i++) {
        struct rp_pdf_obj *o = &pdf->objs[i];

        if (!rp_pdf_exists(o))
            continue;
        if (o->packed) {
            packed[n_packed++] = i;
            continue;
        }
        copied += o->end - o->at;
        if (copied >= LET_GO_EVERY) {
            let_go(pdf);
            copied = 0;
        }
        if (o->content && o->gen == 0 && write_content(w, pdf, i, o))
            continue;
        /* Our marks must be in every page, or in none. */
        if (o->content && pdf->tree) {
            ok = false;
            break;
        }
        o->new_at = w->at;
        put(w, pdf->d + o->at, o->end - o->at);
        put(w, "\n", 1);
    }
    let_go(pdf);
    if (ok && pdf->tree) {
        rp_pdf_tree_content_done(pdf);
        ok = rp_pdf_tree_finish(pdf);
    }
    n_streams = (n_packed + PER_STREAM - 1) / PER_STREAM;
    stream_at = rp_xcalloc((size_t)n_streams + 1, sizeof(*stream_at));
    for (i = 0; i < n_streams && ok; i++) {
        int first = i * PER_STREAM;
        int n = n_packed - first < PER_STREAM ? n_packed - first : PER_STREAM;

        stream_at[i] = w->at;
        ok = write_stream(w, pdf, pdf->size + i, packed + first, n);
    }
    /* The cross-reference stream: type, offset or stream, generation or
     * index (W [1 4 2]); it is the last object, and lists itself. */
    total = pdf->size + n_streams + 1;
    table = rp_xcalloc((size_t)total, row);
    for (i = 0; i < pdf->size; i++) {
        const struct rp_pdf_obj *o = &pdf->objs[i];
        unsigned char *r = table + (size_t)i * row;

        if (i == 0 || !rp_pdf_exists(o)) {
            be(r + 5, i == 0 ? 65535 : 0, 2); /* free */
        } else if (o->packed) {
            r[0] = 2;
            be(r + 1, (uint64_t)o->stream_num, 4);
            be(r + 5, (uint64_t)o->index, 2);
        } else {
            r[0] = 1;
            be(r + 1, o->new_at, 4);
            be(r + 5, (uint64_t)o->gen, 2);
        }
    }
    for (i = 0; i < n_streams; i++) {
        unsigned char *r = table + (size_t)(pdf->size + i) * row;
        r[0] = 1;
        be(r + 1, stream_at[i], 4);
    }
    xref_at = w->at;
    {
        unsigned char *r = table + (size_t)(total - 1) * row;
        r[0] = 1;
        be(r + 1, xref_at, 4);
    }
    ok = ok && xref_at < UINT32_MAX &&
         deflate_buf(w, table, (size_t)total * row, &z, &zn);
    if (ok) {
        putf(w, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root %s",
             total - 1, total, pdf->trailer_root);
        if (pdf->trailer_info[0])
            putf(w, " /Info %s", pdf->trailer_info);
        putf(w, " /Filter /FlateDecode /Length %zu >>\nstream\n", zn);
        put(w, z, zn);
        putf(w, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n", xref_at);
    }
    free(z);
    free(table);
    free(stream_at);
    free(packed);
    return ok && w->ok;
}

void *rp_paint_map_written(FILE *fp, size_t *len)
{
    struct stat st;
    void *map;

    *len = 0;
    if (fflush(fp) != 0 || fstat(fileno(fp), &st) != 0 || st.st_size <= 0)
        return NULL;
    map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fileno(fp), 0);
    if (map == MAP_FAILED)
        return NULL;
    *len = (size_t)st.st_size;
    return map;
}

static bool pack(const char *data, size_t len, bool mapped, FILE *out,
                 const struct rp_pdf_structure *structure)
{
    struct rp_pdf_file pdf;
    struct writer w;
    bool packed = false;

    memset(&pdf, 0, sizeof(pdf));
    pdf.d = data;
    pdf.len = len;
    pdf.mapped = mapped;
    memset(&w, 0, sizeof(w));
    w.fp = out;
    w.ok = true;
    if (read_pdf(&pdf) && (!structure || rp_pdf_tree_prepare(&pdf, structure)))
        packed = write_pdf(&w, &pdf);
    rp_pdf_tree_free(&pdf);
    if (w.zd_ready)
        deflateEnd(&w.zd);
    if (w.zi_ready)
        inflateEnd(&w.zi);
    for (int i = 0; i < pdf.size && pdf.objs; i++)
        if (pdf.objs[i].body)
            g_string_free(pdf.objs[i].body, TRUE);
    free(pdf.objs);
    free(pdf.bounds);
    return packed;
}

bool rp_pdf_pack(const char *data, size_t len, FILE *out,
                 const struct rp_pdf_structure *structure)
{
    return pack(data, len, false, out, structure);
}

bool rp_pdf_pack_mapped(const char *data, size_t len, FILE *out,
                        const struct rp_pdf_structure *structure)
{
    return pack(data, len, true, out, structure);
}
