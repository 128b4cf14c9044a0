/*
 * bootlog.h - read a machine from a real Linux boot log (dmesg output or a
 * serial console capture, with or without timestamps).
 *
 * What is taken from the log:
 *   - "Early memory node ranges" and its "node N: [mem A-B]" lines: the
 *     memory the kernel manages, per node;
 *   - "Command line: ..." (else "Kernel command line: ...");
 *   - "ACPI: SRAT: Node N PXM P [mem A-B] hotplug": hotpluggable ranges;
 *   - "RAMDISK: [mem A-B]": memory reserved before NUMA setup.
 * The architecture is x86_64 (the only one whose logs fragsim reads).
 */
#ifndef FRAGSIM_MACHINE_BOOTLOG_H
#define FRAGSIM_MACHINE_BOOTLOG_H

#include "mm/machine.h"

/*
 * Read the boot log at path into m (which this initialises).  On bad input
 * a message naming path and line is printed, m released and -1 returned.
 */
int bootlog_load(struct machine *m, const char *path);

#endif
