/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The AT session: line assembly, echo, splitting a command line into its
 * commands, V.250 result framing, data mode with the "+++" escape, and
 * unsolicited results from model events. The commands themselves are in
 * ms-at-commands.c. */
#include "ms-at.h"

#include <string.h>

/* V.250 escape: "+++" with a second of silence on each side; shortened,
 * as clients here wait about a second. */
#define ESCAPE_GUARD_US (500 * 1000)
#define ESCAPE_GUARD_MS 500

static const char *const reg_names[] = { "+CREG", "+CGREG", "+CEREG" };

void
ms_at_send (MsAt *self, const char *text)
{
  self->write (text, strlen (text), self->write_data);
}

void
ms_at_send_line (MsAt *self, const char *line)
{
  g_autofree char *framed = g_strdup_printf ("\r\n%s\r\n", line);

  ms_at_send (self, framed);
}

static const char *
cme_text (guint code)
{
  switch (code) {
  case 3: return "operation not allowed";
  case 4: return "operation not supported";
  case 10: return "SIM not inserted";
  case 11: return "SIM PIN required";
  case 12: return "SIM PUK required";
  case 13: return "SIM failure";
  case 16: return "incorrect password";
  case 30: return "no network service";
  case 32: return "network not allowed - emergency calls only";
  default: return "unknown";
  }
}

void
ms_at_send_final (MsAt *self, int result)
{
  g_autofree char *line = NULL;

  if (result == MS_AT_NONE)
    return;
  if (result == MS_AT_OK)
    line = g_strdup ("OK");
  else if (result == MS_AT_ERROR || self->cmee == 0)
    line = g_strdup ("ERROR");
  else if (self->cmee == 1)
    line = g_strdup_printf ("+CME ERROR: %d", result);
  else
    line = g_strdup_printf ("+CME ERROR: %s", cme_text ((guint) result));
  ms_at_send_line (self, line);
}

char *
ms_at_registration_line (MsAt *self, guint domain, guint n, gboolean with_n)
{
  MsModel *m = self->model;
  MsRegistration reg = ms_model_current_registration (m);
  GString *line = g_string_new (reg_names[domain]);
  gboolean registered = reg == MS_REG_HOME || reg == MS_REG_ROAMING;

  g_string_append (line, ": ");
  if (with_n)
    g_string_append_printf (line, "%u,", n);
  g_string_append_printf (line, "%d", reg);
  if (n >= 2 && registered)
    g_string_append_printf (line, ",\"%04X\",\"%08X\",%u", domain == 2 ? m->tac : m->lac, m->cell_id, m->act);
  return g_string_free (line, FALSE);
}

static void
on_model_event (MsModel *model, MsEvent event, gconstpointer arg, gpointer user_data)
{
  MsAt *self = user_data;

  switch (event) {
  case MS_EVENT_REGISTRATION:
    for (guint d = 0; d < G_N_ELEMENTS (self->reg_n); d++) {
      if (self->reg_n[d] && !model->data_mode) {
        g_autofree char *line = ms_at_registration_line (self, d, self->reg_n[d], FALSE);
        ms_at_send_line (self, line);
      }
    }
    return;
  case MS_EVENT_SIGNAL:
    return;
  case MS_EVENT_SMS: {
    g_autofree char *line = g_strdup_printf ("+CMTI: \"SM\",%u", GPOINTER_TO_UINT (arg));
    ms_at_send_line (self, line);
    return;
  }
  case MS_EVENT_RING:
    ms_at_send_line (self, "RING");
    return;
  case MS_EVENT_NO_CARRIER:
    if (model->data_mode) {
      model->data_mode = FALSE;
      ms_at_send_line (self, "NO CARRIER");
    }
    return;
  case MS_EVENT_GARBAGE:
    self->write (g_bytes_get_data ((GBytes *) arg, NULL), g_bytes_get_size ((GBytes *) arg), self->write_data);
    return;
  case MS_EVENT_TEXT:
    ms_at_send_line (self, arg);
    return;
  case MS_EVENT_UNPLUG:
    return;
  }
}

MsAt *
ms_at_new (MsModel *model, MsAtWriteFn write, gpointer write_data)
{
  MsAt *self = g_new0 (MsAt, 1);

  self->model = model;
  self->write = write;
  self->write_data = write_data;
  self->in = g_string_new (NULL);
  ms_at_reset (self);
  ms_model_listen (model, on_model_event, self);
  return self;
}

void
ms_at_free (MsAt *self)
{
  if (!self)
    return;
  g_clear_handle_id (&self->escape_source, g_source_remove);
  g_clear_handle_id (&self->delayed_source, g_source_remove);
  g_string_free (self->in, TRUE);
  g_free (self);
}

void
ms_at_reset (MsAt *self)
{
  self->echo = TRUE;
  self->cmee = 0;
  memset (self->reg_n, 0, sizeof self->reg_n);
  self->cops_format = 0;
  self->cmgf = 0;
  self->model->data_mode = FALSE;
  g_string_truncate (self->in, 0);
  g_clear_handle_id (&self->escape_source, g_source_remove);
}

/* Splits "+CMEE=1;+CREG=2" (after "AT") at semicolons outside quotes.
 * Basic commands run together ("E0V1") are split by the caller. */
static GPtrArray *
split_commands (const char *rest)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  GString *part = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = rest; *p; p++) {
    if (*p == '"')
      quoted = !quoted;
    if (*p == ';' && !quoted) {
      g_ptr_array_add (parts, g_string_free (part, FALSE));
      part = g_string_new (NULL);
      continue;
    }
    g_string_append_c (part, *p);
  }
  g_ptr_array_add (parts, g_string_free (part, FALSE));
  return parts;
}

static void
run_line (MsAt *self, const char *line)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  int result = MS_AT_OK;

  g_free (self->model->last_command);
  self->model->last_command = g_strdup (line);
  if (self->model->muted)
    return;
  if (self->echo) {
    ms_at_send (self, line);
    ms_at_send (self, "\r");
  }
  if (g_ascii_strncasecmp (line, "AT", 2) != 0) {
    ms_at_send_final (self, MS_AT_ERROR);
    return;
  }
  parts = split_commands (line + 2);
  for (guint i = 0; i < parts->len && result == MS_AT_OK; i++) {
    const char *command = g_ptr_array_index (parts, i);

    if (!*command)
      continue;
    result = ms_at_run_command (self, command, out);
  }
  if (out->len)
    ms_at_send (self, out->str);
  ms_at_send_final (self, result);
}

static gboolean
escape_done (gpointer user_data)
{
  MsAt *self = user_data;

  self->escape_source = 0;
  self->model->data_mode = FALSE;
  ms_at_send_line (self, "OK");
  return G_SOURCE_REMOVE;
}

static void
feed_data_mode (MsAt *self, const guint8 *data, gsize len)
{
  gint64 now = g_get_monotonic_time ();
  gboolean quiet_before = now - self->last_data_us >= ESCAPE_GUARD_US;

  self->last_data_us = now;
  g_clear_handle_id (&self->escape_source, g_source_remove);
  if (len == 3 && memcmp (data, "+++", 3) == 0 && quiet_before)
    self->escape_source = g_timeout_add (ESCAPE_GUARD_MS, escape_done, self);
}

void
ms_at_feed (MsAt *self, const guint8 *data, gsize len)
{
  if (self->model->data_mode) {
    feed_data_mode (self, data, len);
    return;
  }
  for (gsize i = 0; i < len; i++) {
    char c = (char) data[i];

    if (c == '\r') {
      g_autofree char *line = g_strstrip (g_strdup (self->in->str));

      g_string_truncate (self->in, 0);
      if (*line)
        run_line (self, line);
      if (self->model->data_mode && i + 1 < len) {
        feed_data_mode (self, data + i + 1, len - i - 1);
        return;
      }
    } else if (c != '\n' && c != '\0') {
      g_string_append_c (self->in, c);
    }
  }
}
