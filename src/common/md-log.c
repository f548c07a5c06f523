/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The log sink of modemd: filters by level, prefixes the object name and
 * writes to stderr, a file, or the systemd journal. GLib's own messages
 * (g_warning, g_critical) are routed through the same writer. */
#include "md-log.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include "md-config.h"
#include "md-errors.h"

#if MD_WITH_JOURNAL
#include <systemd/sd-journal.h>
#endif

#define PERSONAL_MASK "[personal info]"

typedef enum {
  SINK_STDERR,
  SINK_FILE,
  SINK_JOURNAL,
} LogSink;

static struct {
  MdLogLevel level;
  gboolean personal_info;
  LogSink sink;
  FILE *file;
  GTimeZone *zone; /* the local zone, looked up once: GLib stats and reads /etc/localtime on every lookup */
} log_state = { MD_LOG_LEVEL_INFO, FALSE, SINK_STDERR, NULL, NULL };

static const char *const level_names[] = { "ERR", "WARN", "INFO", "DEBUG" };

const char *
md_log_level_to_string (MdLogLevel level)
{
  return level_names[level];
}

gboolean
md_log_level_from_string (const char *text, MdLogLevel *out_level, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (level_names); i++) {
    if (text && g_ascii_strcasecmp (text, level_names[i]) == 0) {
      *out_level = (MdLogLevel)i;
      return TRUE;
    }
  }
  if (text && g_ascii_strcasecmp (text, "TRACE") == 0) {
    *out_level = MD_LOG_LEVEL_DEBUG;
    return TRUE;
  }
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
               "Unknown log level '%s' (expected ERR, WARN, INFO or DEBUG)", text ? text : "");
  return FALSE;
}

void
md_log_set_level (MdLogLevel level)
{
  log_state.level = level;
}

MdLogLevel
md_log_get_level (void)
{
  return log_state.level;
}

gboolean
md_log_level_enabled (MdLogLevel level)
{
  return level <= log_state.level;
}

gboolean
md_log_personal_info_enabled (void)
{
  return log_state.personal_info;
}

void
md_log_set_personal_info (gboolean enabled)
{
  log_state.personal_info = enabled;
}

const char *
md_log_personal (const char *text)
{
  if (log_state.personal_info)
    return text ? text : "";
  return PERSONAL_MASK;
}

static int
level_to_syslog (MdLogLevel level)
{
  switch (level) {
  case MD_LOG_LEVEL_ERR: return LOG_ERR;
  case MD_LOG_LEVEL_WARN: return LOG_WARNING;
  case MD_LOG_LEVEL_INFO: return LOG_INFO;
  case MD_LOG_LEVEL_DEBUG: return LOG_DEBUG;
  }
  return LOG_INFO;
}

static void
write_line (MdLogLevel level, const char *line)
{
  FILE *out = log_state.sink == SINK_FILE ? log_state.file : stderr;
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *stamp = NULL;

#if MD_WITH_JOURNAL
  if (log_state.sink == SINK_JOURNAL) {
    sd_journal_send ("MESSAGE=%s", line, "PRIORITY=%d", level_to_syslog (level), "SYSLOG_IDENTIFIER=modemd",
                     NULL);
    return;
  }
#else
  (void)level_to_syslog;
#endif
  if (!log_state.zone)
    log_state.zone = g_time_zone_new_local ();
  now = g_date_time_new_now (log_state.zone);
  stamp = g_date_time_format (now, "%H:%M:%S.%f");
  /* Milliseconds are enough; %f gives microseconds. */
  if (stamp && strlen (stamp) > 3)
    stamp[strlen (stamp) - 3] = '\0';
  fprintf (out, "modemd[%s] <%s> %s\n", stamp ? stamp : "", level_names[level], line);
  fflush (out);
}

void
md_log_message (MdLogLevel level, const char *object, const char *format, ...)
{
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  va_list args;

  if (!md_log_level_enabled (level))
    return;
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  line = object ? g_strdup_printf ("[%s] %s", object, text) : g_steal_pointer (&text);
  write_line (level, line);
}

static MdLogLevel
glib_level_to_ours (GLogLevelFlags flags)
{
  if (flags & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    return MD_LOG_LEVEL_ERR;
  if (flags & G_LOG_LEVEL_WARNING)
    return MD_LOG_LEVEL_WARN;
  if (flags & (G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO))
    return MD_LOG_LEVEL_INFO;
  return MD_LOG_LEVEL_DEBUG;
}

static GLogWriterOutput
glib_writer (GLogLevelFlags flags, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  MdLogLevel level = glib_level_to_ours (flags);
  const char *domain = NULL;
  const char *message = NULL;

  if (!md_log_level_enabled (level))
    return G_LOG_WRITER_HANDLED;
  for (gsize i = 0; i < n_fields; i++) {
    if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
      domain = fields[i].value;
    else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
      message = fields[i].value;
  }
  md_log_message (level, domain, "%s", message ? message : "");
  return G_LOG_WRITER_HANDLED;
}

gboolean
md_log_setup (MdLogLevel level, const char *file, gboolean journal, gboolean personal_info, GError **error)
{
  log_state.level = level;
  log_state.personal_info = personal_info;
  log_state.sink = SINK_STDERR;
  if (journal) {
#if MD_WITH_JOURNAL
    log_state.sink = SINK_JOURNAL;
#else
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED,
                 "modemd was built without systemd journal support");
    return FALSE;
#endif
  } else if (file) {
    log_state.file = fopen (file, "ae");
    if (!log_state.file) {
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Cannot open log file '%s': %s", file,
                   g_strerror (errno));
      return FALSE;
    }
    log_state.sink = SINK_FILE;
  }
  g_log_set_writer_func (glib_writer, NULL, NULL);
  return TRUE;
}

void
md_log_shutdown (void)
{
  if (log_state.file) {
    fclose (log_state.file);
    log_state.file = NULL;
  }
  g_clear_pointer (&log_state.zone, g_time_zone_unref);
  log_state.sink = SINK_STDERR;
}
