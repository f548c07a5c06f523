/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Kernel events reported without udev: the a{sv} of
 * Manager.ReportKernelEvent, the "key=value,..." text form mmcli and
 * --initial-kernel-events files use, validated into a typed event. Pure. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  MD_KERNEL_EVENT_ADD,
  MD_KERNEL_EVENT_REMOVE,
} MdKernelEventAction;

typedef struct {
  MdKernelEventAction action;
  char *subsystem;
  char *name;
  char *uid; /* NULL when not given */
} MdKernelEvent;

void md_kernel_event_free (MdKernelEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdKernelEvent, md_kernel_event_free)

/* The subsystems a reported event may name. */
gboolean md_kernel_event_subsystem_is_supported (const char *subsystem);

/* From ReportKernelEvent's a{sv}: keys action, subsystem, name (mandatory)
 * and uid (optional), all strings. Anything else (unknown key, wrong type,
 * missing key, unknown action or subsystem, a name with '/' or "..") fails
 * with MD_CORE_ERROR_INVALID_ARGS. */
MdKernelEvent *md_kernel_event_from_variant (GVariant *properties, GError **error);

/* From "action=add,name=ttyUSB0,subsystem=tty": comma-separated key=value
 * pairs, blanks around keys and values allowed, values optionally in single
 * or double quotes. Same checks as md_kernel_event_from_variant. */
MdKernelEvent *md_kernel_event_from_string (const char *text, GError **error);

/* One event per non-empty line of contents; lines whose first non-blank
 * character is '#' are comments. Valid lines are returned in order; each
 * invalid line adds "line N: reason" to out_errors (may be NULL) and is
 * skipped, as ModemManager skips them. */
GPtrArray *md_kernel_event_parse_lines (const char *contents, GPtrArray **out_errors);

/* Reads and parses an --initial-kernel-events file. Fails only when the
 * file cannot be read. */
GPtrArray *md_kernel_event_load_file (const char *path, GPtrArray **out_errors, GError **error);

G_END_DECLS
