/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The control socket: tests inject network events and read the model, one
 * text command per line, one "OK [value]" or "ERROR reason" reply each. */
#include "ms-control.h"

#include <errno.h>
#include <gio/gunixsocketaddress.h>
#include <string.h>
#include <unistd.h>

#include "ms-scenario.h"

struct _MsControl {
  MsModel *model;
  MsControlUnplugFn unplug;
  gpointer unplug_data;
  GSocketService *service;
  char *path;
};

static char *
get_value (MsModel *m, const char *key)
{
  static const char *const locks[] = { "none", "sim-pin", "sim-puk", "blocked" };

  if (g_str_equal (key, "cfun")) return g_strdup_printf ("%u", m->cfun);
  if (g_str_equal (key, "pin-retries")) return g_strdup_printf ("%u", m->pin_retries);
  if (g_str_equal (key, "puk-retries")) return g_strdup_printf ("%u", m->puk_retries);
  if (g_str_equal (key, "sim-lock")) return g_strdup (locks[m->lock]);
  if (g_str_equal (key, "registration")) return g_strdup_printf ("%d", ms_model_current_registration (m));
  if (g_str_equal (key, "data-mode")) return g_strdup (m->data_mode ? "1" : "0");
  if (g_str_equal (key, "signal")) return g_strdup_printf ("%u", m->rssi);
  if (g_str_equal (key, "last-command")) return g_strdup (m->last_command ? m->last_command : "");
  if (g_str_equal (key, "manufacturer")) return g_strdup (m->manufacturer);
  if (g_str_equal (key, "model")) return g_strdup (m->model);
  if (g_str_equal (key, "revision")) return g_strdup (m->revision);
  if (g_str_equal (key, "imei")) return g_strdup (m->imei);
  if (g_str_equal (key, "iccid")) return g_strdup (m->iccid);
  if (g_str_equal (key, "imsi")) return g_strdup (m->imsi);
  if (g_str_equal (key, "pin")) return g_strdup (m->pin);
  if (g_str_equal (key, "puk")) return g_strdup (m->puk);
  if (g_str_equal (key, "operator-code")) return g_strdup (m->operator_code);
  if (g_str_equal (key, "operator-name")) return g_strdup (m->operator_name);
  return NULL;
}

static GBytes *
hex_to_bytes (const char *hex)
{
  GByteArray *bytes = g_byte_array_new ();

  for (gsize i = 0; hex[i] && hex[i + 1]; i += 2) {
    guint8 b = (guint8) ((g_ascii_xdigit_value (hex[i]) << 4) | g_ascii_xdigit_value (hex[i + 1]));
    g_byte_array_append (bytes, &b, 1);
  }
  return g_byte_array_free_to_bytes (bytes);
}

/* Runs one command; returns the reply line. */
static char *
run (MsControl *self, const char *line)
{
  MsModel *m = self->model;
  g_auto (GStrv) argv = g_strsplit (line, " ", 3);
  const char *cmd = argv[0] ? argv[0] : "";
  const char *arg = argv[0] && argv[1] ? argv[1] : NULL;
  MsRegistration reg;
  guint64 number;

  if (g_str_equal (cmd, "register") && arg && ms_parse_registration (arg, &reg)) {
    g_autofree char *name = argv[2] && strchr (argv[2], ' ') ? g_strdup (strchr (argv[2], ' ') + 1) : NULL;
    g_auto (GStrv) code = argv[2] ? g_strsplit (argv[2], " ", 2) : NULL;

    ms_model_set_registration (m, reg, code ? code[0] : NULL, name);
  } else if (g_str_equal (cmd, "signal") && arg && g_ascii_string_to_unsigned (arg, 10, 0, 99, &number, NULL)) {
    ms_model_set_signal (m, (guint) number);
  } else if (g_str_equal (cmd, "access-technology") && arg && ms_parse_technology (arg, &m->act)) {
    ms_model_emit (m, MS_EVENT_REGISTRATION, NULL);
  } else if (g_str_equal (cmd, "sms-incoming") && arg) {
    g_ptr_array_add (m->sms, g_strdup (arg));
    ms_model_emit (m, MS_EVENT_SMS, GUINT_TO_POINTER (m->sms->len - 1));
  } else if (g_str_equal (cmd, "ring")) {
    ms_model_emit (m, MS_EVENT_RING, NULL);
  } else if (g_str_equal (cmd, "no-carrier")) {
    ms_model_emit (m, MS_EVENT_NO_CARRIER, NULL);
  } else if (g_str_equal (cmd, "mute") && arg && (g_str_equal (arg, "on") || g_str_equal (arg, "off"))) {
    m->muted = g_str_equal (arg, "on");
  } else if (g_str_equal (cmd, "garbage") && arg) {
    g_autoptr(GBytes) bytes = hex_to_bytes (arg);
    ms_model_emit (m, MS_EVENT_GARBAGE, bytes);
  } else if (g_str_equal (cmd, "unsolicited") && arg) {
    g_autofree char *text = g_strjoinv (" ", argv + 1);
    ms_model_emit (m, MS_EVENT_TEXT, text);
  } else if (g_str_equal (cmd, "unplug")) {
    self->unplug (self->unplug_data);
  } else if (g_str_equal (cmd, "get") && arg) {
    g_autofree char *value = get_value (m, arg);
    return value ? g_strdup_printf ("OK %s", value) : g_strdup_printf ("ERROR unknown key '%s'", arg);
  } else if (g_str_equal (cmd, "quit")) {
    self->unplug (self->unplug_data);
  } else {
    return g_strdup_printf ("ERROR bad command '%s'", line);
  }
  return g_strdup ("OK");
}

static gboolean
incoming (GSocketService *service, GSocketConnection *connection, GObject *source, gpointer user_data)
{
  MsControl *self = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (in);
  char *line;

  /* Control clients send a command and wait for its reply: serve them
   * synchronously, one line at a time. */
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL))) {
    g_autofree char *command = g_strstrip (line);
    g_autofree char *reply = run (self, command);
    g_autofree char *framed = g_strdup_printf ("%s\n", reply);

    g_output_stream_write_all (out, framed, strlen (framed), NULL, NULL, NULL);
    if (g_str_has_prefix (command, "unplug") || g_str_has_prefix (command, "quit"))
      break;
  }
  return TRUE;
}

MsControl *
ms_control_new (MsModel *model, const char *path, MsControlUnplugFn unplug, gpointer unplug_data,
                GError **error)
{
  MsControl *self = g_new0 (MsControl, 1);
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (path);

  self->model = model;
  self->unplug = unplug;
  self->unplug_data = unplug_data;
  self->path = g_strdup (path);
  self->service = g_socket_service_new ();
  unlink (path);
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_DEFAULT, NULL, NULL, error)) {
    ms_control_free (self);
    return NULL;
  }
  g_signal_connect (self->service, "incoming", G_CALLBACK (incoming), self);
  g_socket_service_start (self->service);
  return self;
}

void
ms_control_free (MsControl *self)
{
  if (!self)
    return;
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_object_unref (self->service);
  unlink (self->path);
  g_free (self->path);
  g_free (self);
}
