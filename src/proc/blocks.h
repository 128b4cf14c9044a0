/*
 * blocks.h - the per-pageblock census "frag --blockscan" writes
 * (OUTPREFIX.blocks: one line per pageblock, its pages by kpageflags
 * class), printed from a live machine: `fragsim run --show blocks`.
 */
#ifndef FRAGSIM_PROC_BLOCKS_H
#define FRAGSIM_PROC_BLOCKS_H

#include <stdio.h>

#include "mm/page_alloc.h"

/*
 * A header line, then for every pageblock overlapping a zone with spanned
 * pages, in pfn order: its first pfn, the zone (the first in zoneinfo's
 * order that it overlaps, as frag picks it) and its pages per class
 * (mm/blockscan.h), tab-separated.
 */
void blocks_print(FILE *out, const struct mm_state *mm);

/*
 * The same pageblocks with their pages by who holds them (mm/blockscan.h:
 * blockscan_holders): a header line "block_pfn zone free unheld" and the
 * nr holders' names (names[i] holds the blocks whose record names holder
 * i: the run's generators), then each block's counts, tab-separated.
 */
void blocks_print_owners(FILE *out, const struct mm_state *mm,
			 const char *const *names, unsigned int nr);

#endif
