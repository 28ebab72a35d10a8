/*
 * The progress of `reportpipe run` (cli.h, "Progress"): a bar redrawn in
 * place on a terminal, timestamped lines now and then in a log, nothing
 * when quiet.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

/* A terminal redraws ten times a second at most: more is flicker and
 * write calls nobody sees.  A log gets a line every few seconds: enough
 * to see that a run lives, not enough to bury its summary. */
#define BAR_EVERY 0.1
#define LINE_EVERY 5.0
#define CLEAR_LINE "\r\033[K"

/* "m:ss", or "h:mm:ss" from an hour on. */
static void format_duration(char *buf, size_t size, double secs)
{
    long s = (long)(secs + 0.5);

    if (s >= 3600)
        snprintf(buf, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, size, "%ld:%02ld", s / 60, s % 60);
}

/* "412/1003 41% 37.2/s 0:16 left" and, when some failed, ", 3 failed". */
static void format_counts(char *buf, size_t size,
                          const struct rp_batch_progress *p, const char *sep)
{
    char left[32] = "-:--", failed[48] = "";
    double rate = p->elapsed > 0 ? (double)p->done / p->elapsed : 0;

    if (rate > 0)
        format_duration(left, sizeof(left),
                        (double)(p->total - p->done) / rate);
    if (p->failed)
        snprintf(failed, sizeof(failed), "%s%zu failed", sep, p->failed);
    snprintf(buf, size, "%zu/%zu%s%d%%%s%.1f/s%s%s left%s", p->done, p->total,
             sep, (int)(100.0 * (double)p->done / (double)p->total), sep, rate,
             sep, left, failed);
}

void cli_progress_format_bar(char *buf, size_t size,
                             const struct rp_batch_progress *p, int width)
{
    char counts[160];
    int text, bar, fill, i, n;

    if (!p->total) {
        snprintf(buf, size, "%s %.1f s", p->stage, p->elapsed);
        return;
    }
    format_counts(counts, sizeof(counts), p, "  ");
    /* "stage [bar]  counts": the bar gets what the text leaves, or goes. */
    text = (int)strlen(p->stage) + (int)strlen(counts) + 5;
    bar = width - 1 - text;
    if (bar < 10) {
        snprintf(buf, size, "%s  %s", p->stage, counts);
        return;
    }
    if (bar > 50)
        bar = 50;
    fill = (int)((double)bar * (double)p->done / (double)p->total);
    n = snprintf(buf, size, "%s [", p->stage);
    for (i = 0; i < bar && n >= 0 && (size_t)n + 1 < size; i++)
        buf[n++] = i < fill ? '#' : '.';
    if (n >= 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, "]  %s", counts);
}

void cli_progress_format_line(char *buf, size_t size,
                              const struct rp_batch_progress *p,
                              const char *stamp)
{
    char counts[160];

    if (!p->total) {
        if (p->elapsed > 0)
            snprintf(buf, size, "%s %s: %.1f s", stamp, p->stage, p->elapsed);
        else
            snprintf(buf, size, "%s %s: started", stamp, p->stage);
        return;
    }
    format_counts(counts, sizeof(counts), p, ", ");
    snprintf(buf, size, "%s %s: %s", stamp, p->stage, counts);
}

static void clear_bar(void *ctx)
{
    struct cli_progress *pr = ctx;

    if (!pr->shown)
        return;
    fputs(CLEAR_LINE, pr->out);
    fflush(pr->out);
    pr->shown = 0;
}

static int terminal_width(FILE *out)
{
    struct winsize ws;

    if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

void cli_progress_init(struct cli_progress *pr, FILE *out)
{
    const char *term = getenv("TERM");

    memset(pr, 0, sizeof(*pr));
    pr->out = out;
    if (rp_log_level() < RP_LOG_NORMAL)
        pr->mode = CLI_PROGRESS_OFF;
    else if (isatty(fileno(out)) && !(term && !strcmp(term, "dumb")))
        pr->mode = CLI_PROGRESS_BAR;
    else
        pr->mode = CLI_PROGRESS_LINES;
    if (pr->mode == CLI_PROGRESS_BAR)
        rp_log_set_before_line(clear_bar, pr);
}

/* Whether p is worth showing, given what was shown last. */
static int due(struct cli_progress *pr, const struct rp_batch_progress *p,
               double every)
{
    if (strcmp(pr->stage, p->stage)) {
        snprintf(pr->stage, sizeof(pr->stage), "%s", p->stage);
        pr->last = p->elapsed;
        return 1;
    }
    if ((p->total && p->done == p->total) || p->elapsed - pr->last >= every) {
        pr->last = p->elapsed;
        return 1;
    }
    return 0;
}

void cli_progress_update(void *ctx, const struct rp_batch_progress *p)
{
    struct cli_progress *pr = ctx;
    char line[512], stamp[32];
    time_t now;
    struct tm tm;

    switch (pr->mode) {
    case CLI_PROGRESS_OFF:
        return;
    case CLI_PROGRESS_BAR:
        if (!due(pr, p, BAR_EVERY))
            return;
        cli_progress_format_bar(line, sizeof(line), p, terminal_width(pr->out));
        fprintf(pr->out, CLEAR_LINE "%s", line);
        fflush(pr->out);
        pr->shown = 1;
        return;
    case CLI_PROGRESS_LINES:
        if (!due(pr, p, LINE_EVERY))
            return;
        now = time(NULL);
        localtime_r(&now, &tm);
        strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm);
        cli_progress_format_line(line, sizeof(line), p, stamp);
        fprintf(pr->out, "reportpipe: %s\n", line);
        fflush(pr->out);
        return;
    }
}

void cli_progress_finish(struct cli_progress *pr)
{
    clear_bar(pr);
    if (pr->mode == CLI_PROGRESS_BAR)
        rp_log_set_before_line(NULL, NULL);
}
