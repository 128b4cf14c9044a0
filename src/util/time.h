/*
 * time.h - simulated time: nanoseconds as one unsigned 64-bit count, the
 * unit every layer above util/ measures in (workload rates and durations,
 * the engine's clock, the metrics' ticks).
 */
#ifndef FRAGSIM_UTIL_TIME_H
#define FRAGSIM_UTIL_TIME_H

#include <stdint.h>

/* Simulated time in nanoseconds since the end of boot. */
typedef uint64_t sim_time_t;

#define NSEC_PER_USEC	1000ULL
#define NSEC_PER_MSEC	1000000ULL
#define NSEC_PER_SEC	1000000000ULL
#define SIM_TIME_NEVER	UINT64_MAX

#endif
