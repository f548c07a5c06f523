/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Logging of modemd: levels ERR/WARN/INFO/DEBUG, to stderr, a file or the
 * systemd journal, with every line naming its object ("[modem3] ...",
 * "[ttyUSB2/at] ...") and personal data masked unless enabled. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MD_LOG_LEVEL_ERR,
  MD_LOG_LEVEL_WARN,
  MD_LOG_LEVEL_INFO,
  MD_LOG_LEVEL_DEBUG,
} MdLogLevel;

/* Parses "ERR", "WARN", "INFO", "DEBUG" (case-insensitive); also accepts
 * ModemManager's "TRACE" as DEBUG. Fails with MD_CORE_ERROR_INVALID_ARGS. */
gboolean md_log_level_from_string (const char *text, MdLogLevel *out_level, GError **error);
const char *md_log_level_to_string (MdLogLevel level);

/* Sets where logs go; file and journal are exclusive (journal wins).
 * Also installs the GLib log writer, so g_warning() etc. follow the same
 * rules. May be called once at start-up. */
gboolean md_log_setup (MdLogLevel level, const char *file, gboolean journal, gboolean personal_info,
                       GError **error);
void md_log_shutdown (void);

void md_log_set_level (MdLogLevel level);
MdLogLevel md_log_get_level (void);
gboolean md_log_level_enabled (MdLogLevel level);
gboolean md_log_personal_info_enabled (void);
void md_log_set_personal_info (gboolean enabled);

/* Returns text when personal info may be logged, else a fixed mask. The
 * result lives as long as text does. */
const char *md_log_personal (const char *text);

void md_log_message (MdLogLevel level, const char *object, const char *format, ...) G_GNUC_PRINTF (3, 4);

#define md_log_err(obj, ...)  md_log_message (MD_LOG_LEVEL_ERR, (obj), __VA_ARGS__)
#define md_log_warn(obj, ...) md_log_message (MD_LOG_LEVEL_WARN, (obj), __VA_ARGS__)
#define md_log_info(obj, ...) md_log_message (MD_LOG_LEVEL_INFO, (obj), __VA_ARGS__)
#define md_log_debug(obj, ...)                                                                               \
  G_STMT_START                                                                                               \
  {                                                                                                          \
    if (md_log_level_enabled (MD_LOG_LEVEL_DEBUG))                                                           \
      md_log_message (MD_LOG_LEVEL_DEBUG, (obj), __VA_ARGS__);                                               \
  }                                                                                                          \
  G_STMT_END

G_END_DECLS
