/*
 * Elapsed time for the summaries a run prints and records: the monotonic
 * clock, which a changed wall clock does not move.
 */
#ifndef RP_COMMON_CLOCK_H
#define RP_COMMON_CLOCK_H

#include <time.h>

/* Seconds from start (a CLOCK_MONOTONIC reading) to now. */
double rp_clock_seconds_since(const struct timespec *start);

#endif
