/*
 * date.h -- calendar dates as day numbers (days since 1970-01-01), so that
 * nothing in a build depends on the wall clock or the time zone.
 */
#ifndef MAMORU_DATE_H
#define MAMORU_DATE_H

/* Days of a valid "YYYY-MM-DD" (1970 or later), or -1. */
long	date_parse(const char *);
void	date_ymd(long days, int *y, int *m, int *d);

#endif
