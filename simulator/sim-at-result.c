/* SPDX-License-Identifier: GPL-2.0-or-later */
/* How the AT session words its answers: information text and final result
 * codes framed per ATV1 ("\r\n<text>\r\n") or ATV0 (numeric), +CME/+CMS
 * errors per AT+CMEE, and unsolicited results held back while a command
 * runs. */
#include "sim-at-private.h"

#include <stdarg.h>

static const struct {
  guint code;
  const char *text;
} cme_texts[] = {
  { 0, "phone failure" },
  { 3, "operation not allowed" },
  { 4, "operation not supported" },
  { 10, "SIM not inserted" },
  { 11, "SIM PIN required" },
  { 12, "SIM PUK required" },
  { 13, "SIM failure" },
  { 14, "SIM busy" },
  { 15, "SIM wrong" },
  { 16, "incorrect password" },
  { 20, "memory full" },
  { 21, "invalid index" },
  { 22, "not found" },
  { 24, "text string too long" },
  { 25, "invalid characters in text string" },
  { 30, "no network service" },
  { 31, "network timeout" },
  { 32, "network not allowed - emergency calls only" },
  { 50, "Incorrect parameters" },
  { 100, "unknown" },
};

static const struct {
  guint code;
  const char *text;
} cms_texts[] = {
  { 300, "ME failure" },
  { 302, "operation not allowed" },
  { 303, "operation not supported" },
  { 304, "invalid PDU mode parameter" },
  { 310, "SIM not inserted" },
  { 311, "SIM PIN required" },
  { 313, "SIM failure" },
  { 316, "SIM PUK required" },
  { 321, "invalid memory index" },
  { 322, "memory full" },
  { 331, "no network service" },
  { 500, "unknown error" },
};

/* SMS commands report +CMS ERROR codes (27.005), not +CME ones. */
static const struct {
  SimError error;
  guint cms;
} cms_for_error[] = {
  { SIM_ERROR_NOT_ALLOWED, 302 },          { SIM_ERROR_NOT_SUPPORTED, 303 },
  { SIM_ERROR_INCORRECT_PARAMETERS, 304 }, { SIM_ERROR_SIM_NOT_INSERTED, 310 },
  { SIM_ERROR_SIM_PIN_REQUIRED, 311 },     { SIM_ERROR_SIM_FAILURE, 313 },
  { SIM_ERROR_SIM_PUK_REQUIRED, 316 },     { SIM_ERROR_INVALID_INDEX, 321 },
  { SIM_ERROR_MEMORY_FULL, 322 },          { SIM_ERROR_NO_NETWORK, 331 },
};

static void
emit (SimAt *at, const char *data, gsize len)
{
  if (len > 0)
    at->write (data, len, at->write_data);
}

void
sim_at_send_raw (SimAt *self, const char *data, gsize len)
{
  emit (self, data, len);
}

void
sim_at_reply_line (SimAt *at, const char *text)
{
  if (at->set.verbose && at->response->len == 0)
    g_string_append (at->response, "\r\n");
  g_string_append (at->response, text);
  g_string_append (at->response, "\r\n");
}

void
sim_at_reply (SimAt *at, const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  sim_at_reply_line (at, text);
}

SimAtStatus
sim_at_cme (SimAt *at, SimError code)
{
  at->error_code = code;
  at->error_cms = FALSE;
  return SIM_AT_ERROR;
}

SimAtStatus
sim_at_cme_error (SimAt *at, const GError *error)
{
  if (error && error->domain == SIM_ERROR)
    return sim_at_cme (at, (SimError)error->code);
  return sim_at_cme (at, SIM_ERROR_UNKNOWN);
}

SimAtStatus
sim_at_cms (SimAt *at, guint code)
{
  at->error_code = code;
  at->error_cms = TRUE;
  return SIM_AT_ERROR;
}

SimAtStatus
sim_at_cms_error (SimAt *at, const GError *error)
{
  for (guint i = 0; error && error->domain == SIM_ERROR && i < G_N_ELEMENTS (cms_for_error); i++) {
    if ((int)cms_for_error[i].error == error->code)
      return sim_at_cms (at, cms_for_error[i].cms);
  }
  return sim_at_cms (at, 500);
}

static const char *
error_text (guint code, gboolean cms)
{
  if (cms) {
    for (guint i = 0; i < G_N_ELEMENTS (cms_texts); i++) {
      if (cms_texts[i].code == code)
        return cms_texts[i].text;
    }
    return "unknown error";
  }
  for (guint i = 0; i < G_N_ELEMENTS (cme_texts); i++) {
    if (cme_texts[i].code == code)
      return cme_texts[i].text;
  }
  return "unknown";
}

static void
emit_result (SimAt *at, const char *text, guint numeric)
{
  g_autofree char *framed = NULL;

  if (at->set.quiet)
    return;
  framed = at->set.verbose ? g_strdup_printf ("\r\n%s\r\n", text) : g_strdup_printf ("%u\r", numeric);
  emit (at, framed, strlen (framed));
}

static void
emit_error (SimAt *at)
{
  g_autofree char *text = NULL;
  const char *kind = at->error_cms ? "CMS" : "CME";

  /* Extended errors have no numeric V0 form; 4 is plain ERROR. */
  if (at->set.cmee == 0 || !at->set.verbose || at->error_code == SIM_AT_PLAIN_ERROR) {
    emit_result (at, "ERROR", 4);
    return;
  }
  if (at->set.cmee == 1)
    text = g_strdup_printf ("+%s ERROR: %u", kind, at->error_code);
  else
    text = g_strdup_printf ("+%s ERROR: %s", kind, error_text (at->error_code, at->error_cms));
  emit_result (at, text, 4);
}

/* Writes the collected information text and the final result at once. */
void
sim_at_finish_line (SimAt *at, SimAtStatus status)
{
  emit (at, at->response->str, at->response->len);
  g_string_truncate (at->response, 0);
  switch (status) {
  case SIM_AT_OK: emit_result (at, "OK", 0); break;
  case SIM_AT_ERROR: emit_error (at); break;
  case SIM_AT_CONNECT: emit_result (at, "CONNECT 150000000", 1); break;
  case SIM_AT_NO_CARRIER: emit_result (at, "NO CARRIER", 3); break;
  case SIM_AT_PENDING: break;
  }
}

static void
emit_urc (SimAt *at, const char *text)
{
  g_autofree char *framed
    = at->set.verbose ? g_strdup_printf ("\r\n%s\r\n", text) : g_strdup_printf ("%s\r\n", text);

  emit (at, framed, strlen (framed));
}

void
sim_at_send_unsolicited (SimAt *self, const char *text)
{
  if (self->state == SIM_AT_STATE_DATA)
    return;
  if (self->busy) {
    g_ptr_array_add (self->held_urcs, g_strdup (text));
    return;
  }
  emit_urc (self, text);
}

void
sim_at_urc (SimAt *at, const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  sim_at_send_unsolicited (at, text);
}

void
sim_at_flush_held_urcs (SimAt *at)
{
  g_autoptr (GPtrArray) urcs = g_steal_pointer (&at->held_urcs);

  at->held_urcs = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < urcs->len; i++)
    sim_at_send_unsolicited (at, g_ptr_array_index (urcs, i));
}

SimAtStatus
sim_at_setting (SimAt *at, const SimAtCommand *cmd, guint *value, guint max, const char *range)
{
  switch (cmd->mode) {
  case SIM_AT_READ: sim_at_reply (at, "%s: %u", cmd->name, *value); return SIM_AT_OK;
  case SIM_AT_TEST: sim_at_reply (at, "%s: %s", cmd->name, range); return SIM_AT_OK;
  case SIM_AT_SET:
  case SIM_AT_EXEC:
    if (!sim_at_arg_uint_or (cmd, 0, max, 0, value))
      return sim_at_cme (at, SIM_ERROR_INCORRECT_PARAMETERS);
    return SIM_AT_OK;
  }
  return sim_at_cme (at, SIM_ERROR_INCORRECT_PARAMETERS);
}

char *
sim_at_text (SimAt *at, const char *utf8)
{
  g_autofree gunichar2 *utf16 = NULL;
  GString *hex;
  glong len = 0;

  if (g_strcmp0 (at->set.cscs, "UCS2") != 0)
    return g_strdup (utf8);
  utf16 = g_utf8_to_utf16 (utf8, -1, NULL, &len, NULL);
  hex = g_string_new (NULL);
  for (glong i = 0; utf16 && i < len; i++)
    g_string_append_printf (hex, "%04X", utf16[i]);
  return g_string_free (hex, FALSE);
}
