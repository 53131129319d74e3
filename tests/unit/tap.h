/*
 * tap.h -- result lines of the unit test programs: "ok - SUITE/NAME" or
 * "not ok - SUITE/NAME" with a "# " line saying why, counted in passes and
 * failures for the summary line.  Define TAP_SUITE ("chart") first.
 */
#ifndef MAMORU_TAP_H
#define MAMORU_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int passes, failures;

static void
result(int ok, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
result(int ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("%s - %s/%s\n", ok ? "ok" : "not ok", TAP_SUITE, name);
	if (!ok && fmt != NULL) {
		printf("# ");
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf("\n");
	}
	if (ok)
		passes++;
	else
		failures++;
}

#endif
