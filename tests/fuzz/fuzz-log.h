/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Logging of the harnesses that reach code which logs what the modem said:
 * debug level, so every logging path (and its masking) runs, into
 * /dev/null unless MD_FUZZ_LOG=stderr; GLib warnings and criticals abort,
 * as they do in tests (libFuzzer reports the SIGTRAP with -handle_trap=1;
 * replay with MD_FUZZ_LOG=stderr to read the message). */
#pragma once

#include <glib.h>

#include "md-log.h"

static inline void
fuzz_log_setup_once (void)
{
  static gsize done;

  if (g_once_init_enter (&done)) {
    gboolean to_stderr = g_strcmp0 (g_getenv ("MD_FUZZ_LOG"), "stderr") == 0;

    md_log_setup (MD_LOG_LEVEL_DEBUG, to_stderr ? NULL : "/dev/null", FALSE, FALSE, NULL);
    g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
    g_once_init_leave (&done, 1);
  }
}
