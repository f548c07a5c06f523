/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Serves the control socket: accepts any number of clients, reads their
 * lines asynchronously and answers each with the reply of
 * sim_control_execute() (sim-control-cmd.c). */
#include "sim-control.h"

#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>

struct _SimControl {
  SimControlTarget target;
  char *path;
  GSocketService *service;
  GCancellable *cancellable;
};

typedef struct {
  SimControl *control;
  GSocketConnection *connection;
  GDataInputStream *input;
} Client;

static void
client_free (Client *client)
{
  g_object_unref (client->input);
  g_object_unref (client->connection);
  g_free (client);
}

static void read_next (Client *client);

static void
on_line (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Client *client = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *line
    = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result, NULL, &error);
  g_autofree char *reply = NULL;
  g_autofree char *framed = NULL;
  GOutputStream *output;
  SimControlAction action;

  if (!line) {
    client_free (client);
    return;
  }
  reply = sim_control_execute (&client->control->target, line, &action);
  framed = g_strconcat (reply, "\n", NULL);
  output = g_io_stream_get_output_stream (G_IO_STREAM (client->connection));
  /* Replies are one short line: a blocking write is fine. */
  if (!g_output_stream_write_all (output, framed, strlen (framed), NULL, NULL, &error))
    g_debug ("control reply lost: %s", error->message);
  if (action == SIM_CONTROL_QUIT && client->control->target.quit) {
    g_output_stream_flush (output, NULL, NULL);
    client->control->target.quit (client->control->target.user_data);
  }
  read_next (client);
}

static void
read_next (Client *client)
{
  g_data_input_stream_read_line_async (client->input, G_PRIORITY_DEFAULT, client->control->cancellable,
                                       on_line, client);
}

static gboolean
on_incoming (GSocketService *service, GSocketConnection *connection, GObject *source, gpointer user_data)
{
  Client *client = g_new0 (Client, 1);

  client->control = user_data;
  client->connection = g_object_ref (connection);
  client->input = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  g_data_input_stream_set_newline_type (client->input, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  read_next (client);
  return TRUE;
}

SimControl *
sim_control_new (const char *path, const SimControlTarget *target, GError **error)
{
  g_autoptr (SimControl) self = g_new0 (SimControl, 1);
  g_autoptr (GSocketAddress) address = g_unix_socket_address_new (path);

  self->target = *target;
  self->cancellable = g_cancellable_new ();
  self->service = g_socket_service_new ();
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_DEFAULT, NULL, NULL, error))
    return NULL;
  /* Only now is the file ours to remove. */
  self->path = g_strdup (path);
  g_signal_connect (self->service, "incoming", G_CALLBACK (on_incoming), self);
  g_socket_service_start (self->service);
  return g_steal_pointer (&self);
}

void
sim_control_free (SimControl *self)
{
  if (!self)
    return;
  /* Pending reads finish with an error and free their clients. */
  g_cancellable_cancel (self->cancellable);
  if (self->service) {
    g_socket_service_stop (self->service);
    g_socket_listener_close (G_SOCKET_LISTENER (self->service));
    g_object_unref (self->service);
  }
  if (self->path)
    g_unlink (self->path);
  g_free (self->path);
  g_object_unref (self->cancellable);
  g_free (self);
}
