/*
 * JSON output for scripts and operators (status --json, run-summary.json):
 * only the writing, and only the one escaping rule.
 */
#ifndef RP_COMMON_JSON_H
#define RP_COMMON_JSON_H

#include <stdio.h>

/* s as a JSON string: quotes, backslashes and control characters escaped;
 * UTF-8 passes as it is.  NULL is written as "". */
void rp_json_string(FILE *out, const char *s);

#endif
